import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ReceivedEventSummary } from '../../../shared/collector';
import { declaredTooLarge, readBody } from '../http/body';
import { hostAllowed, originAllowed } from '../http/loopback';
import { sendJson, sendText, type JsonReply } from '../http/reply';
import type { NewReceivedEvent, ReceivedEventStore } from '../store';
import { bodyText, MAX_BODY_BYTES, parseBody, requestProblems, writeKeyFromAuth } from './decode';
import { eventsFromBody, unreadable, type IntakeRequest } from './intake';
import { METRICS_PATH, settingsWriteKey, trackingRoute } from './routes';
import { settingsDocument } from './settingsDocument';
import { handleTestRoute, TEST_PREFIX } from './testRoutes';

export interface CollectorServerContext {
  store: ReceivedEventStore;
  port(): number;
  now(): Date;
  /** Called after the request's events are stored (the push to the page, forwarding). */
  onStored(events: ReceivedEventSummary[]): void;
  onError(error: unknown): void;
}

const SUCCESS: JsonReply = { status: 200, body: { success: true } };

export function createCollectorServer(ctx: CollectorServerContext): Server {
  return createServer((req, res) => {
    handle(req, res, ctx).catch((error: unknown) => {
      ctx.onError(error);
      // A 500 makes Segment's libraries retry: the event is not lost, it comes again.
      if (!res.headersSent) sendJson(res, { status: 500, body: { success: false, error: 'not stored' } });
      else res.destroy();
    });
  });
}

/** Pages served from any port of this machine may send events (a developer's site on :3000). */
export function localPageOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname)
    );
  } catch {
    return false;
  }
}

function corsHeaders(origin: string | undefined): Record<string, string> {
  if (origin === undefined) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Authorization, Content-Encoding, X-Retry-Count',
    'Access-Control-Max-Age': '600',
    Vary: 'Origin',
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: CollectorServerContext): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  // --- SECURITY: only loopback Host names, so a web page can't reach us by DNS rebinding.
  if (!hostAllowed(req.headers.host, ctx.port())) {
    sendText(res, 403, 'Forbidden: unexpected Host header');
    return;
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  const origin = req.headers.origin;

  if (path.startsWith(TEST_PREFIX)) {
    // --- SECURITY: as the sandbox's admin routes: no cross-origin requests, so a page elsewhere
    // cannot read what a site sent or wipe it. CLI and test runners send no Origin.
    if (origin !== undefined && !originAllowed(origin, ctx.port())) {
      sendText(res, 403, 'Forbidden: the test routes take no cross-origin requests');
      return;
    }
    await readBody(req, { limit: 64 * 1024 });
    sendJson(res, handleTestRoute(method, path, url.searchParams, ctx.store));
    return;
  }

  // --- SECURITY: the tracking API answers pages from this machine only (any localhost port); a
  // site on the internet must not be able to fill the user's debugger.
  if (origin !== undefined && !localPageOrigin(origin)) {
    sendText(res, 403, 'Forbidden: the collector takes events from pages on this machine only');
    return;
  }
  const cors = corsHeaders(origin);
  if (method === 'OPTIONS') {
    res.writeHead(204, cors);
    res.end();
    return;
  }

  const settingsKey = settingsWriteKey(path);
  if (settingsKey !== null && method === 'GET') {
    sendJson(res, {
      status: 200,
      body: settingsDocument(settingsKey, `127.0.0.1:${ctx.port()}`),
      headers: cors,
    });
    return;
  }
  if (path === METRICS_PATH) {
    await readBody(req, { limit: 64 * 1024 });
    sendJson(res, { ...SUCCESS, headers: cors });
    return;
  }
  const route = trackingRoute(path);
  if (route === null || method !== 'POST') {
    sendJson(res, {
      status: 404,
      body: { success: false, error: `Not a tracking API route: ${method} ${path}` },
      headers: cors,
    });
    return;
  }

  const intake: IntakeRequest = {
    route,
    endpoint: path,
    authWriteKey: writeKeyFromAuth(req.headers.authorization),
    arrivedAt: ctx.now(),
    bodyBytes: 0,
    requestProblems: requestProblems(req),
  };
  const { events, reply } = await readEvents(req, intake);
  // Accept, store in one transaction, then answer and tell: a client told "success" has its events kept.
  const stored = ctx.store.recordMany(events);
  sendJson(res, { ...reply, headers: cors });
  ctx.onStored(stored);
}

async function readEvents(
  req: IncomingMessage,
  intake: IntakeRequest,
): Promise<{ events: NewReceivedEvent[]; reply: JsonReply }> {
  const bad = (message: string, status = 400) => ({
    events: [unreadable(null, intake, [{ level: 'error', path: '$', message }])],
    reply: { status, body: { success: false, error: message } },
  });
  if (declaredTooLarge(req, MAX_BODY_BYTES)) {
    req.resume();
    return bad(`the body is over ${MAX_BODY_BYTES / 1024 / 1024} MB and was not read`, 413);
  }
  const body = await readBody(req, { limit: MAX_BODY_BYTES });
  if (body.tooLarge) return bad(`the body is over ${MAX_BODY_BYTES / 1024 / 1024} MB and was not kept`, 413);
  const text = await bodyText(req, body.bytes);
  if (!text.ok) return bad(text.error);
  intake.bodyBytes = Buffer.byteLength(text.value);
  const parsed = parseBody(text.value);
  if (!parsed.ok) {
    // Segment answers invalid JSON with 400; the text is kept so the debugger can show it.
    return {
      events: [unreadable(text.value.slice(0, 64 * 1024), intake, [parsed.error])],
      reply: { status: 400, body: { success: false, error: 'invalid JSON' } },
    };
  }
  return { events: eventsFromBody(parsed.value, intake), reply: SUCCESS };
}
