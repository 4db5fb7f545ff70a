import { ReceivedEventQuerySchema } from '../../../shared/collector';
import type { JsonReply } from '../http/reply';
import type { ReceivedEventStore } from '../store';

/**
 * --- SECURITY: test routes (as Snowplow Micro offers) ---
 * `GET /__collector/events` and `POST /__collector/reset` let a test suite assert on what a site
 * sent. They are served only on 127.0.0.1, and the server applies the same Host and Origin checks
 * as the sandbox's admin routes before it calls this; they take no credentials and expose only
 * collected events.
 */
export const TEST_PREFIX = '/__collector/';

export const TEST_ROUTES: readonly string[] = [
  'GET  /__collector/events?good=&type=&event=&since=&source=&search=&limit=   events, newest first',
  'GET  /__collector/sources                                                  write keys and their names',
  'POST /__collector/reset                                                    remove every received event',
];

export function handleTestRoute(
  method: string,
  path: string,
  params: URLSearchParams,
  store: ReceivedEventStore,
): JsonReply {
  const route = `${method} ${path.slice(TEST_PREFIX.length)}`;
  switch (route) {
    case 'GET events':
      return listEvents(params, store);
    case 'GET sources':
      return { status: 200, body: store.sources() };
    case 'POST reset':
      return { status: 200, body: { reset: true, removed: store.reset() } };
    default:
      return { status: 404, body: { error: `Unknown route ${method} ${path}`, routes: TEST_ROUTES } };
  }
}

function listEvents(params: URLSearchParams, store: ReceivedEventStore): JsonReply {
  const good = params.get('good');
  const limit = params.get('limit');
  const raw = {
    ...(good === 'true' || good === 'false' ? { good: good === 'true' } : {}),
    ...optional('type', params.get('type')),
    ...optional('event', params.get('event')),
    ...optional('since', params.get('since')),
    ...optional('source', params.get('source')),
    ...optional('search', params.get('search')),
    ...(limit !== null && /^\d{1,4}$/.test(limit) ? { limit: Number(limit) } : {}),
  };
  const query = ReceivedEventQuerySchema.safeParse(raw);
  if (!query.success) {
    const issues = query.error.issues.map((i) => `${i.path.join('.') || '(query)'}: ${i.message}`);
    return { status: 400, body: { error: `Invalid query: ${issues.join('; ')}` } };
  }
  const page = store.list(query.data);
  const events = page.items.map((item) => store.get(item.id)).filter((event) => event !== null);
  return { status: 200, body: { total: page.total, events } };
}

function optional(key: string, value: string | null): Record<string, string> {
  return value === null || value === '' ? {} : { [key]: value };
}
