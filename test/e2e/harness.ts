/**
 * The e2e harness: the built renderer in plain Chromium, with `window.tester` backed by the same
 * handler table Electron main uses (real core, real sandbox over HTTP), so the renderer runs unchanged.
 *
 *   static server (dist/renderer, CSP header) ──> Chromium page
 *   page.window.tester.<method>() ──exposeBinding──> dispatch(core.handlers, channel, request)
 *   core emit('event:progress') ──page.evaluate──> listeners registered with window.tester.on()
 *
 * Every test also fails on a request to a non-local origin, an uncaught page error or a CSP violation.
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve, sep } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { createAppCore, type AppCore, type AppCoreOptions } from '../../electron/core/app/createAppCore';
import { dispatch } from '../../electron/core/app/dispatch';
import { CONTENT_SECURITY_POLICY, MIME_TYPES } from '../../electron/main/protocol';
import { contract, type Channel, type PushChannel } from '../../shared/ipc/contract';

const DIST = resolve('dist/renderer');

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves dist/renderer on 127.0.0.1 with the CSP main sends. */
export async function startStaticServer(root = DIST): Promise<StaticServer> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`${root}/index.html is missing: run "npm run build:renderer" first`);
  }
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    // --- SECURITY: resolve inside the root only; `..` or an absolute path must not escape it.
    const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const stat = statSync(file);
    // Revalidated caching (not no-store), so Chromium keeps its V8 code cache across reloads as the
    // app's protocol does (`codeCache: true`); a rebuilt file gets a new ETag.
    const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
    const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-cache', ETag: etag };
    if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/** Options that keep fault tests fast: a short rate window and retries without real back-off waits. */
export const FAST_CORE: Pick<AppCoreOptions, 'sandboxOptions' | 'engineOptions'> = {
  sandboxOptions: { rateLimit: { calls: 100, windowMs: 2_000 } },
  engineOptions: {
    windowMs: 2_000,
    sleep: (ms, signal) =>
      new Promise((done, fail) => {
        const timer = setTimeout(done, Math.min(ms, 25));
        signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          fail(signal.reason);
        });
      }),
  },
};

export interface Harness {
  core: AppCore;
  /** Where the renderer is served. */
  url: string;
  userDataDir: string;
  /** Loads the app and waits until Monaco is editable. */
  open(): Promise<void>;
  /** Requests the page made to anything but the local server (should stay empty). */
  foreignRequests: string[];
}

/** The contract as data for the init script: channel -> method, and the push channels. */
const BRIDGE_SPEC = {
  methods: (Object.keys(contract) as Channel[]).map(
    (channel) => [channel, contract[channel].method] as const,
  ),
};

// Runs in the page before any of its scripts: builds window.tester like the preload does, one
// function per channel plus on(), over the single binding the harness exposes.
function installBridge(spec: typeof BRIDGE_SPEC): void {
  type Listener = (payload: unknown) => void;
  const w = window as unknown as Record<string, unknown> & {
    __testerInvoke(channel: string, request: unknown): Promise<unknown>;
  };
  const listeners = new Map<string, Set<Listener>>();
  const api: Record<string, unknown> = {};
  for (const [channel, method] of spec.methods) {
    api[method] = (request: unknown) => w.__testerInvoke(channel, request);
  }
  api.on = (channel: string, listener: Listener) => {
    const set = listeners.get(channel) ?? new Set<Listener>();
    listeners.set(channel, set);
    set.add(listener);
    return () => set.delete(listener);
  };
  Object.defineProperty(window, '__testerPush', {
    value: (channel: string, payload: unknown) => listeners.get(channel)?.forEach((l) => l(payload)),
  });
  Object.defineProperty(window, 'tester', { value: Object.freeze(api) });
}

function pushToPage([channel, payload]: readonly [string, unknown]): void {
  (window as unknown as { __testerPush?: (c: string, p: unknown) => void }).__testerPush?.(channel, payload);
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLocalUrl(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && LOCAL_HOSTS.has(parsed.hostname);
  } catch {
    return false;
  }
}

export async function waitForEditor(page: Page): Promise<void> {
  await page.locator('[data-editor-ready="true"] .monaco-editor textarea').waitFor({ state: 'attached' });
  await expect(page.locator('.view-lines')).not.toHaveText('');
}

type Fixtures = {
  coreOptions: Partial<Pick<AppCoreOptions, 'sandboxOptions' | 'engineOptions' | 'env'>>;
  harness: Harness;
};
type WorkerFixtures = { server: StaticServer };

export const test = base.extend<Fixtures, WorkerFixtures>({
  coreOptions: [{}, { option: true }],

  server: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const server = await startStaticServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  harness: async ({ page, server, coreOptions }, use) => {
    let closed = false;
    const userDataDir = mkdtempSync(join(tmpdir(), 'event-tester-e2e-'));
    const core = await createAppCore({
      userDataDir,
      version: '0.1.0-e2e',
      platform: process.platform,
      sandboxOptions: { ...FAST_CORE.sandboxOptions, ...coreOptions.sandboxOptions },
      engineOptions: { ...FAST_CORE.engineOptions, ...coreOptions.engineOptions },
      // No Marketo target from the developer's environment: the tests run against the sandbox only.
      env: coreOptions.env ?? {},
      emit: (channel: PushChannel, payload: unknown) => {
        if (closed) return;
        // The page may be mid-reload; a push it cannot take is simply lost, as in the app.
        page.evaluate(pushToPage, [channel, payload] as const).catch(() => {});
      },
      onWarning: () => {},
    });

    const foreignRequests: string[] = [];
    const pageErrors: string[] = [];
    page.on('request', (request) => {
      if (!isLocalUrl(request.url())) foreignRequests.push(request.url());
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
        pageErrors.push(message.text());
      }
    });

    await page.exposeBinding('__testerInvoke', (_source, channel: string, request: unknown) =>
      dispatch(core.handlers, channel, request),
    );
    await page.addInitScript(installBridge, BRIDGE_SPEC);

    const harness: Harness = {
      core,
      url: server.url,
      userDataDir,
      foreignRequests,
      async open() {
        await page.goto(server.url);
        await waitForEditor(page);
      },
    };
    try {
      await use(harness);
      expect(foreignRequests, 'the renderer must not request any non-local origin').toEqual([]);
      expect(pageErrors, 'no uncaught errors or CSP violations in the page').toEqual([]);
    } finally {
      closed = true;
      await core.dispose();
      rmSync(userDataDir, { recursive: true, force: true });
    }
  },
});

export { expect };
