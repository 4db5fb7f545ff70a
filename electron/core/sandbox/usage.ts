import { success, type Reply } from './envelope';
import type { SandboxState } from './state';

/**
 * `GET /rest/v1/stats/usage.json`: the calls of this quota day (it starts at midnight US Central, as
 * Marketo's does), this one included, from the sandbox's own counter, in Marketo's shape (reference
 * §5, Daily usage).
 */
export function usageToday(state: SandboxState): Reply {
  const { callsToday } = state;
  const total = callsToday.value;
  return success([
    {
      date: callsToday.today,
      total,
      users: [{ userId: 'sandbox-api@example.com', count: total }],
    },
  ]);
}
