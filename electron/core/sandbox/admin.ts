import type { DestinationSettings } from '../../../shared/settings';
import type { Reply } from './envelope';
import { FaultRuleSchema } from './faults';
import type { SandboxState } from './state';

export const ADMIN_PREFIX = '/__sandbox/';

/**
 * --- Security-sensitive: the admin API ---
 * Not a Marketo route: lets out-of-process users (the CLI's tests, a curious user) read counters and
 * data and switch faults. It exposes only sandbox data and is reachable only on 127.0.0.1 (the server
 * also checks the Host header). Mutating routes take JSON or no body, never credentials.
 */
export function handleAdmin(
  method: string,
  path: string,
  body: Buffer,
  state: SandboxState,
  settings: DestinationSettings,
): Reply {
  const json = (status: number, value: unknown): Reply => ({ status, body: value });
  const route = `${method} ${path.slice(ADMIN_PREFIX.length)}`;
  switch (route) {
    case 'GET stats':
      return json(200, state.stats());
    case 'GET leads':
      return json(200, state.leads.all());
    case 'GET activities':
      return json(200, state.activities.all());
    case 'GET settings':
      return json(200, settings);
    case 'GET faults':
      return json(200, state.faults.list());
    case 'POST faults': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        return json(400, { error: 'The body must be a JSON fault rule' });
      }
      const rule = FaultRuleSchema.safeParse(parsed);
      if (!rule.success) {
        const issues = rule.error.issues.map((i) => `${i.path.join('.') || '(rule)'}: ${i.message}`);
        return json(400, { error: `Invalid fault rule: ${issues.join('; ')}` });
      }
      state.faults.add(rule.data);
      return json(201, state.faults.list());
    }
    case 'DELETE faults':
      state.faults.clear();
      return json(200, []);
    case 'POST reset':
      state.reset();
      return json(200, { reset: true });
    default:
      return json(404, {
        error: `Unknown admin route ${method} ${path}`,
        routes: ADMIN_ROUTES,
      });
  }
}

export const ADMIN_ROUTES: readonly string[] = [
  'GET    /__sandbox/stats        counters, peaks and refusals',
  'GET    /__sandbox/leads        the lead database',
  'GET    /__sandbox/activities   custom activities posted so far',
  'GET    /__sandbox/settings     destination settings that map the seeded activity types',
  'GET    /__sandbox/faults       active fault rules',
  'POST   /__sandbox/faults       add a fault rule, e.g. {"kind":"606","count":2}',
  'DELETE /__sandbox/faults       clear all fault rules',
  'POST   /__sandbox/reset        back to the seed: data, tokens, counters and faults',
];
