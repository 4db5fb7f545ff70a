import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { join, resolve } from 'node:path';
import type { IpcResult, PushChannel, PushPayload } from '../../shared/ipc/contract';
import type { DispatchOptions } from '../core/handlers/dispatch';
import type { HandlerTable } from '../core/handlers/types';
import { sendJson } from '../core/http/reply';
import { checkApi, checkSite } from './guard';
import { handleIpc } from './ipcRoute';
import { createPushHub } from './sse';
import { serveStatic } from './staticFiles';
import { EVENTS_PATH, IPC_PREFIX, TOKEN_FRAGMENT_KEY } from './wire';

export interface WebHostOptions {
  /** The handler table the page reaches, e.g. `runtime.handlers` (read per request, never copied). */
  handlers: HandlerTable;
  /** The built renderer (dist/renderer). */
  rendererDir: string;
  /** The bundled bridge script; default: `web/bridge.js` beside the renderer folder (dist/web). */
  bridgeFile?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: the Host check knows no other names. */
  host?: '127.0.0.1' | 'localhost';
  /** The session token; default: 256 random bits. At least 22 URL-safe characters (128 bits). */
  token?: string;
  /** Request bodies over this are refused with 413. Default 4 MB (a draft is at most 1M characters). */
  maxBodyBytes?: number;
  /** How often idle event streams get a comment. Default 15 s. */
  heartbeatMs?: number;
  /** Told about unexpected handler errors (the page only sees a generic 'internal'). */
  onError?: DispatchOptions['onError'];
}

export interface WebHost {
  /** Where to open the app, with the token in the fragment: http://127.0.0.1:PORT/#token=... */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  /** Sends a push to every open page; wire the runtime's `emit` here. */
  push<P extends PushChannel>(channel: P, payload: PushPayload<P>): void;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22,}$/;

/**
 * The browser host of `event-tester ui`: serves the built renderer with the bridge script that
 * defines `window.tester` over fetch + SSE, and answers `/ipc/<channel>` and `/events` through the
 * same handler table Electron main uses. Binds to loopback only.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const rendererDir = resolve(options.rendererDir);
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`${rendererDir} has no index.html: build the renderer first (npm run build).`);
  }
  const bridgeFile = resolve(options.bridgeFile ?? join(rendererDir, '..', 'web', 'bridge.js'));
  const bridgeScript = await readFile(bridgeFile).catch(() => {
    throw new Error(`The bridge script ${bridgeFile} is missing: build it first (npm run build).`);
  });
  const token = options.token ?? randomBytes(32).toString('base64url');
  if (!TOKEN_PATTERN.test(token))
    throw new Error('The session token must be at least 22 URL-safe characters.');
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1' && host !== 'localhost') throw new Error('The web host listens on loopback only.');

  const hub = createPushHub(options.heartbeatMs ?? 15_000);
  let port = 0;
  const route = createRouter({
    port: () => port,
    token,
    hub,
    site: { rendererDir, bridgeScript },
    ipc: {
      handlers: options.handlers,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      onError: options.onError,
    },
  });
  const server = createServer((req, res) => {
    route(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, { status: 500, body: internal() });
      else res.destroy();
    });
  });
  port = await listen(server, options.port ?? 0, host);

  let closing: Promise<void> | null = null;
  return {
    url: `http://${host}:${port}/#${TOKEN_FRAGMENT_KEY}=${token}`,
    port,
    token,
    push: (channel, payload) => hub.push(channel, payload),
    close: () => {
      closing ??= new Promise<void>((done) => {
        hub.close();
        server.close(() => done());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

interface RouterContext {
  port(): number;
  token: string;
  hub: ReturnType<typeof createPushHub>;
  site: Parameters<typeof serveStatic>[2];
  ipc: Parameters<typeof handleIpc>[2];
}

function createRouter(ctx: RouterContext) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refusedSite = checkSite(req, ctx.port());
    if (refusedSite) return sendJson(res, { status: refusedSite.status, body: refusedSite.result });
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const isApi = path.startsWith(IPC_PREFIX) || path === EVENTS_PATH;
    if (isApi) {
      const refusedApi = checkApi(req, ctx.token);
      if (refusedApi) return sendJson(res, { status: refusedApi.status, body: refusedApi.result });
    }
    if (path.startsWith(IPC_PREFIX)) return handleIpc(req, res, ctx.ipc);
    const allow = path === EVENTS_PATH ? ['GET'] : ['GET', 'HEAD'];
    if (!allow.includes(req.method ?? '')) {
      return sendJson(res, { status: 405, body: methodNotAllowed(), headers: { Allow: allow.join(', ') } });
    }
    if (path === EVENTS_PATH) return ctx.hub.attach(res);
    return serveStatic(req, res, ctx.site);
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      const address = server.address();
      if (address === null || typeof address === 'string') fail(new Error('The web host has no port.'));
      else done(address.port);
    });
  });
}

function internal(): IpcResult<never> {
  return {
    ok: false,
    error: { code: 'internal', message: 'Something went wrong in the Event Tester web host.' },
  };
}

function methodNotAllowed(): IpcResult<never> {
  return { ok: false, error: { code: 'bad-request', message: 'Method not allowed.' } };
}
