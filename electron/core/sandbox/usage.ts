import { success, type Reply } from './envelope';
import type { SandboxState } from './state';

/**
 * `GET /rest/v1/stats/usage.json`: today's calls, answered from the sandbox's own counter (every
 * REST call since start or reset, this one included), in Marketo's shape (reference §5, Daily usage).
 */
export function usageToday(state: SandboxState, now: Date = new Date()): Reply {
  const total = state.totalCalls;
  return success([
    {
      date: now.toISOString().slice(0, 10),
      total,
      users: [{ userId: 'sandbox-api@example.com', count: total }],
    },
  ]);
}
