import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Body, formParams, mediaType, readBody } from '../http/body';
import { hostAllowed, originAllowed } from '../http/loopback';
import { sendJson as sendReply, sendText } from '../http/reply';
import type { DestinationSettings } from '../../../shared/settings';
import { addActivities, describeActivityType, listActivityTypes } from './activities';
import { listActivities, pagingToken } from './activityReads';
import { ADMIN_PREFIX, handleAdmin } from './admin';
import { ApiError, failure, type Reply } from './envelope';
import type { CallScope } from './faults';
import { handleIdentity } from './identity';
import { describeLeads, getLeads, syncLeads } from './leads';
import type { RestRequest } from './request';
import type { SandboxState } from './state';
import { authenticate } from './tokens';
import type { FaultRule } from './types';
import { usageToday } from './usage';

type Handler = (request: RestRequest, state: SandboxState) => Reply;

interface Route {
  scope: CallScope;
  methods: Partial<Record<string, Handler>>;
}

const IDENTITY_PATH = '/identity/oauth/token';

/** Marketo's gateway limits (reference §7): URI up to 8 KB, body up to 1 MB. */
export const MAX_URI_BYTES = 8 * 1024;
export const MAX_BODY_BYTES = 1024 * 1024;
const BODY_LIMITS = { limit: MAX_BODY_BYTES };

// Looked up with Object.hasOwn (see routeFor): the path is the client's, never a prototype key.
const ROUTES: Record<string, Route> = {
  '/rest/v1/leads.json': {
    scope: 'leads',
    methods: { GET: (r, s) => getLeads(r, s.leads), POST: (r, s) => syncLeads(r, s.leads) },
  },
  '/rest/v1/leads/describe2.json': { scope: 'leads', methods: { GET: () => describeLeads() } },
  '/rest/v1/activities/external.json': {
    scope: 'activities',
    methods: { POST: (r, s) => addActivities(r, s.leads, s.activities) },
  },
  '/rest/v1/activities/external/types.json': {
    scope: 'activities',
    methods: { GET: (_r, s) => listActivityTypes(s.typesWithoutAttributes) },
  },
  '/rest/v1/activities/pagingtoken.json': {
    scope: 'activity-reads',
    methods: { GET: (r) => pagingToken(r) },
  },
  '/rest/v1/activities.json': {
    scope: 'activity-reads',
    methods: { GET: (r, s) => listActivities(r, s.activities) },
  },
  '/rest/v1/stats/usage.json': { scope: 'other', methods: { GET: (_r, s) => usageToday(s) } },
};

const TYPE_DESCRIBE_PATH = /^\/rest\/v1\/activities\/external\/type\/([^/]+)\/describe\.json$/;

/** The route for a path: a fixed one, or one type's describe.json (the type's apiName in the path). */
function routeFor(path: string): Route | undefined {
  if (Object.hasOwn(ROUTES, path)) return ROUTES[path];
  const encoded = TYPE_DESCRIBE_PATH.exec(path)?.[1];
  if (encoded === undefined) return undefined;
  let apiName: string;
  try {
    apiName = decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
  return { scope: 'activity-describe', methods: { GET: () => describeActivityType(apiName) } };
}

export interface ServerContext {
  state: SandboxState;
  settings: DestinationSettings;
  port(): number;
  /** Aborted on close: cuts short responses held back by a delay fault. */
  signal: AbortSignal;
}

export function createSandboxServer(ctx: ServerContext): Server {
  // Long URIs must reach us so we can answer 414 as Marketo does, rather than Node's own 431.
  return createServer({ maxHeaderSize: 64 * 1024 }, (req, res) => {
    handle(req, res, ctx).catch(() => {
      if (!res.headersSent) sendReply(res, failure('611', 'System error'));
      else res.destroy();
    });
  });
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: ServerContext): Promise<void> {
  const { state } = ctx;
  const rawUrl = req.url ?? '/';
  const method = (req.method ?? 'GET').toUpperCase();

  // --- Security-sensitive: only loopback Host names, so a web page can't reach us by DNS rebinding. ---
  if (!hostAllowed(req.headers.host, ctx.port())) {
    sendText(res, 403, 'Forbidden: unexpected Host header');
    return;
  }

  const url = new URL(rawUrl, 'http://127.0.0.1');
  const path = url.pathname;
  if (path.startsWith(ADMIN_PREFIX)) {
    // --- Security-sensitive: browsers send Origin on cross-site requests; a page on another
    // site must not be able to switch faults or reset data with a form post. CLI and tests send none.
    if (req.headers.origin !== undefined && !originAllowed(req.headers.origin, ctx.port())) {
      sendText(res, 403, 'Forbidden: the admin routes take no cross-origin requests');
      return;
    }
    const body = await readBody(req, BODY_LIMITS);
    if (body.tooLarge) return tooLarge(res);
    sendReply(res, handleAdmin(method, path, body.bytes, state, ctx.settings));
    return;
  }

  const isIdentity = path === IDENTITY_PATH;
  // Marketo's escape from the 8 KB URI limit: POST with `_method=GET` and the query in a form body.
  const effective =
    method === 'POST' && url.searchParams.get('_method')?.toUpperCase() === 'GET' ? 'GET' : method;
  let overConcurrency = false;
  if (isIdentity) {
    state.identityCalls += 1;
  } else {
    state.countCall(`${path} ${effective}`);
    overConcurrency = state.limits.arrive();
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      state.limits.leave();
    };
    res.once('finish', leave);
    res.once('close', leave);
  }

  if (Buffer.byteLength(rawUrl) > MAX_URI_BYTES) {
    await readBody(req, BODY_LIMITS);
    sendText(res, 414, '<html><body><h1>414 Request-URI Too Long</h1></body></html>', 'text/html');
    return;
  }
  const body = await readBody(req, BODY_LIMITS);
  if (body.tooLarge) return tooLarge(res);

  const route: Route | undefined = isIdentity ? { scope: 'identity', methods: {} } : routeFor(path);
  if (route === undefined) return sendReply(res, failure('610', 'Requested resource not found'));
  const allowed = isIdentity
    ? effective === 'GET' || effective === 'POST'
    : Object.hasOwn(route.methods, effective);
  if (!allowed) return sendReply(res, failure('605', 'HTTP Method not supported'));

  const fault = state.faults.pick(route.scope);
  if (fault !== null) state.faultsInjected += 1;
  const afterWork = fault !== null && (fault.kind === 'delay' || fault.kind === 'store-reset');
  if (fault !== null && !afterWork) return injectFault(req, res, fault, state);

  const params = formParams(url, req, body.bytes);
  const reply = isIdentity
    ? handleIdentity(params, state.credentials, state.tokens)
    : restReply(req, params, body, route.methods[effective]!, state, overConcurrency);

  // The work is done, then the answer is lost: a client that re-sends blind posts the activity twice.
  if (fault?.kind === 'store-reset') {
    req.socket.destroy();
    return;
  }
  // A delay holds back a response whose work is already done, as a slow Marketo would: a client that
  // times out and retries can post the same activity twice.
  if (fault?.kind === 'delay' && !(await sleep(fault.delayMs ?? 0, ctx.signal))) {
    res.destroy();
    return;
  }
  sendReply(res, reply);
}

function restReply(
  req: IncomingMessage,
  params: URLSearchParams,
  body: Body,
  handler: Handler,
  state: SandboxState,
  overConcurrency: boolean,
): Reply {
  const authError = authenticate(req, params, state.tokens);
  if (authError !== null) return failure(authError.code, authError.message);
  const limitError = state.limits.admit(overConcurrency);
  if (limitError !== null) return failure(limitError.code, limitError.message);
  try {
    return handler({ params, body: body.bytes, mediaType: mediaType(req) }, state);
  } catch (error) {
    if (error instanceof ApiError) return failure(error.code, error.message);
    return failure('611', 'System error');
  }
}

const FAULT_MESSAGES: Record<string, string> = {
  '601': 'Access token invalid',
  '602': 'Access token expired',
  '604': 'Request time-out',
  '608': 'API Temporarily Unavailable',
  '719': 'Lock wait timeout',
  '611': 'System error',
};

function injectFault(req: IncomingMessage, res: ServerResponse, fault: FaultRule, state: SandboxState): void {
  const { calls, windowMs, maxConcurrent } = state.limits.config;
  switch (fault.kind) {
    case 'reset':
      req.socket.destroy();
      return;
    case '502':
      sendText(
        res,
        502,
        '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
        'text/html',
      );
      return;
    case '606':
      sendReply(res, failure('606', `Max rate limit '${calls}' exceeded with in '${windowMs / 1000}' secs`));
      return;
    case '615':
      sendReply(res, failure('615', `Concurrent access limit '${maxConcurrent}' reached`));
      return;
    default:
      sendReply(res, failure(fault.kind, FAULT_MESSAGES[fault.kind] ?? 'System error'));
  }
}

function tooLarge(res: ServerResponse): void {
  sendText(res, 413, '<html><body><h1>413 Request Entity Too Large</h1></body></html>', 'text/html', {
    Connection: 'close',
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
