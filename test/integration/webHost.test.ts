import { request as httpRequest } from 'node:http';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createPreferenceStore, PREFERENCES_FILE } from '../../electron/core/preferences';
import { createRuntime, type Runtime } from '../../electron/core/runtime';
import { CONTENT_SECURITY_POLICY } from '../../electron/core/http/staticAssets';
import { startWebHost, type WebHost } from '../../electron/web/server';
import { createSseParser, type SseMessage } from '../../electron/web/bridge/sseParser';
import { TOKEN_HEADER } from '../../electron/web/wire';
import { webinarTrack } from '../helpers/events';

/**
 * The browser host over real HTTP, against a real runtime and sandbox: what it serves, and every
 * check in front of the handler table, each shown to refuse AND to leave the app unchanged.
 */

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

let root: string;
let rendererDir: string;
let runtime: Runtime;
let host: WebHost;
/** Every body the host answered in this file, for the secret scan at the end. */
const seen: string[] = [];

const VITE_INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <title>Event Tester</title>
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
  </head>
  <body><div id="root"></div></body>
</html>`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'event-tester-web-'));
  rendererDir = join(root, 'dist', 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), VITE_INDEX);
  await writeFile(join(rendererDir, 'assets', 'index-abc.js'), 'console.log("app");');
  await writeFile(join(root, 'dist', 'secret.txt'), 'outside-the-renderer');
  await mkdir(join(root, 'data'));
  runtime = await createRuntime({
    userDataDir: join(root, 'data'),
    version: '0.0.0-web',
    platform: 'test-os',
    emit: (channel, payload) => host.push(channel, payload),
    onWarning: () => undefined,
  });
  host = await startWebHost({
    handlers: runtime.handlers,
    rendererDir,
    bridgeFile: join(process.cwd(), 'dist', 'web', 'bridge.js'),
    heartbeatMs: 100,
  });
});

afterAll(async () => {
  await host?.close();
  await runtime?.dispose();
  await rm(root, { recursive: true, force: true });
});

/** A raw request, so tests control every header (fetch would not let us set Host). */
function request(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: host.port,
        method,
        path,
        headers: { Host: `127.0.0.1:${host.port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          seen.push(text);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const goodHeaders = (): Record<string, string> => ({
  [TOKEN_HEADER]: host.token,
  'Content-Type': 'application/json',
  Origin: `http://127.0.0.1:${host.port}`,
  'Sec-Fetch-Site': 'same-origin',
});

const ipc = (channel: string, body: unknown, headers: Record<string, string> = goodHeaders()) =>
  request('POST', `/ipc/${channel}`, { headers, body: JSON.stringify(body) });

async function savedDraft(): Promise<string | null> {
  return (await runtime.handlers['draft:load']({})).text;
}

function expectForbidden(reply: Reply): void {
  expect(reply.status).toBe(403);
  const body = JSON.parse(reply.text) as { ok: boolean; error: { code: string } };
  expect(body).toMatchObject({ ok: false, error: { code: 'forbidden' } });
}

describe('serving the renderer', () => {
  it('serves index.html with the app CSP, nosniff and the bridge before the app script', async () => {
    const reply = await request('GET', '/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    const bridgeAt = reply.text.indexOf('<script src="/__bridge.js"></script>');
    expect(bridgeAt).toBeGreaterThan(-1);
    expect(bridgeAt).toBeLessThan(reply.text.indexOf('<script type="module"'));
    expect(reply.text).not.toContain(host.token);
  });

  it('serves the bridge and the assets, with nosniff and no cookies', async () => {
    const bridge = await request('GET', '/__bridge.js');
    expect(bridge.status).toBe(200);
    expect(bridge.headers['content-type']).toMatch(/^text\/javascript/);
    expect(bridge.text).toContain('sendEvent');
    const asset = await request('GET', '/assets/index-abc.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    const head = await request('HEAD', '/');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    for (const reply of [bridge, asset, head]) expect(reply.headers['set-cookie']).toBeUndefined();
  });

  it('refuses paths that leave the renderer folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/%00.js',
      '/%E0%A4%A',
    ]) {
      const reply = await request('GET', path);
      expect([403, 404], path).toContain(reply.status);
      expect(reply.text, path).not.toContain('outside-the-renderer');
    }
    expect((await request('GET', '/nope.js')).status).toBe(404);
  });

  it('answers only GET and HEAD for files', async () => {
    const reply = await request('POST', '/index.html', { body: 'x' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });

  it('refuses a foreign Host even for files (DNS rebinding)', async () => {
    expectForbidden(await request('GET', '/', { headers: { Host: `evil.test:${host.port}` } }));
  });

  it('puts a token of at least 128 bits in the URL fragment', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#token=${host.token}`);
    // base64url: 6 bits a character.
    expect(host.token.length * 6).toBeGreaterThanOrEqual(128);
  });
});

describe('refused requests change nothing', () => {
  const ORIGINAL = '{"type":"page","name":"original"}';
  beforeEach(async () => {
    await runtime.handlers['draft:save']({ text: ORIGINAL });
  });

  const refusals: [string, () => Record<string, string>, string?][] = [
    ['no token', () => ({ ...goodHeaders(), [TOKEN_HEADER]: '' })],
    ['a wrong token', () => ({ ...goodHeaders(), [TOKEN_HEADER]: `${host.token.slice(0, -1)}x` })],
    ['a token of another length', () => ({ ...goodHeaders(), [TOKEN_HEADER]: host.token.slice(0, 10) })],
    ['the token in the query string only', () => omit(goodHeaders(), TOKEN_HEADER), '?token=TOKEN'],
    ['the token in a cookie only', () => ({ ...omit(goodHeaders(), TOKEN_HEADER), Cookie: 'token=TOKEN' })],
    ['a foreign Origin', () => ({ ...goodHeaders(), Origin: 'https://evil.test' })],
    ['another port on localhost', () => ({ ...goodHeaders(), Origin: 'http://localhost:1' })],
    ['a foreign Host (DNS rebinding)', () => ({ ...goodHeaders(), Host: `evil.test:${host.port}` })],
    ['a Host with another port', () => ({ ...goodHeaders(), Host: '127.0.0.1:1' })],
    [
      'cross-site fetch metadata',
      () => ({ ...omit(goodHeaders(), 'Origin'), 'Sec-Fetch-Site': 'cross-site' }),
    ],
    ['same-site fetch metadata', () => ({ ...omit(goodHeaders(), 'Origin'), 'Sec-Fetch-Site': 'same-site' })],
  ];

  it.each(refusals)(
    'draft:save with %s is refused and the draft stays',
    async (_name, headers, query = '') => {
      const withToken = (text: string) => text.replace('TOKEN', host.token);
      const sent = Object.fromEntries(Object.entries(headers()).map(([k, v]) => [k, withToken(v)]));
      const reply = await request('POST', `/ipc/draft:save${withToken(query)}`, {
        headers: sent,
        body: JSON.stringify({ text: 'changed by an attacker' }),
      });
      expectForbidden(reply);
      expect(await savedDraft()).toBe(ORIGINAL);
    },
  );

  it.each(refusals)(
    'event:send with %s is refused and the sandbox sees no call',
    async (_name, headers, query = '') => {
      const withToken = (text: string) => text.replace('TOKEN', host.token);
      const sent = Object.fromEntries(Object.entries(headers()).map(([k, v]) => [k, withToken(v)]));
      const before = runtime.sandbox.stats();
      const reply = await request('POST', `/ipc/event:send${withToken(query)}`, {
        headers: sent,
        body: JSON.stringify({
          event: webinarTrack(),
          targetId: 'sandbox',
          dryRun: false,
          sendId: 's-refused',
        }),
      });
      expectForbidden(reply);
      const after = runtime.sandbox.stats();
      expect(after.totalCalls).toBe(before.totalCalls);
      expect(after.identityCalls).toBe(before.identityCalls);
    },
  );

  it('refuses the event stream without the token, or with it in the query', async () => {
    expectForbidden(await request('GET', '/events'));
    expectForbidden(await request('GET', `/events?token=${host.token}`));
    expectForbidden(
      await request('GET', '/events', {
        headers: { [TOKEN_HEADER]: host.token, Origin: 'https://evil.test' },
      }),
    );
  });

  it('refuses an oversized body with 413, streamed or declared, and saves nothing', async () => {
    const big = JSON.stringify({ text: 'x'.repeat(5 * 1024 * 1024) });
    const declared = await ipc('draft:save', JSON.parse(big));
    expect(declared.status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: host.port,
          method: 'POST',
          path: '/ipc/draft:save',
          headers: { ...goodHeaders(), Host: `127.0.0.1:${host.port}`, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write(big.slice(i * 1024 * 1024, (i + 1) * 1024 * 1024));
      req.end(big.slice(5 * 1024 * 1024));
    });
    expect(chunked).toBe(413);
    expect(await savedDraft()).toBe(ORIGINAL);
  });

  it('answers GET on /ipc with 405 and a wrong content type with 415', async () => {
    const get = await request('GET', '/ipc/draft:save', { headers: goodHeaders() });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const text = await request('POST', '/ipc/draft:save', {
      headers: { ...goodHeaders(), 'Content-Type': 'text/plain' },
      body: JSON.stringify({ text: 'form post' }),
    });
    expect(text.status).toBe(415);
    expect(await savedDraft()).toBe(ORIGINAL);
  });

  it('sends unknown channels, bad JSON and bad requests back through dispatch', async () => {
    for (const channel of ['nope:nope', '__proto__', 'toString', 'constructor']) {
      const reply = await ipc(channel, {});
      expect(reply.status, channel).toBe(404);
      expect(JSON.parse(reply.text)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    }
    const broken = await request('POST', '/ipc/draft:save', { headers: goodHeaders(), body: '{"text":' });
    expect(broken.status).toBe(400);
    const invalid = await ipc('draft:save', { text: 42, extra: true });
    expect(invalid.status).toBe(200);
    expect(JSON.parse(invalid.text)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await savedDraft()).toBe(ORIGINAL);
  });

  it('accepts a request with the token and without browser headers (the CLI, curl)', async () => {
    const reply = await ipc(
      'draft:save',
      { text: 'saved' },
      { [TOKEN_HEADER]: host.token, 'Content-Type': 'application/json' },
    );
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toMatchObject({ ok: true });
    expect(await savedDraft()).toBe('saved');
  });
});

describe('a page with the token', () => {
  it('sends an event, gets delivered, and the event stream carries its progress', async () => {
    const stream = await openEvents();
    try {
      const reply = await ipc('event:send', {
        event: webinarTrack(),
        targetId: 'sandbox',
        dryRun: false,
        sendId: 'web-1',
      });
      expect(reply.status).toBe(200);
      const result = JSON.parse(reply.text) as {
        ok: true;
        value: { outcome: string; interactions: unknown[] };
      };
      expect(result.ok).toBe(true);
      expect(result.value.outcome).toBe('delivered');
      await expect
        .poll(() => stream.messages.filter((m) => m.event === 'event:progress').length)
        .toBe(result.value.interactions.length);
      for (const message of stream.messages.filter((m) => m.event === 'event:progress')) {
        expect(JSON.parse(message.data)).toMatchObject({ sendId: 'web-1' });
      }
      await expect.poll(() => stream.raw()).toContain(': heartbeat');
    } finally {
      stream.close();
    }
  });

  it('keeps a preference in the data folder, where the next `event-tester ui` (a new port) reads it', async () => {
    const set = await ipc('app:set-preferences', { sandboxNoteDismissed: true });
    expect(set.status).toBe(200);
    expect(JSON.parse(set.text)).toEqual({ ok: true, value: { sandboxNoteDismissed: true } });
    // Not the page's storage: a store opened afresh on the same folder, as a restarted host opens it.
    const next = createPreferenceStore(join(root, 'data', PREFERENCES_FILE));
    await expect(next.get()).resolves.toEqual({ sandboxNoteDismissed: true });
    const read = await ipc('app:preferences', {});
    expect(JSON.parse(read.text)).toEqual({ ok: true, value: { sandboxNoteDismissed: true } });
  });

  it('never lets a credential reach the page, in any response or push', async () => {
    const stream = await openEvents();
    try {
      await ipc('event:send', {
        event: webinarTrack({ userId: 'user-1002' }),
        targetId: 'sandbox',
        dryRun: false,
        sendId: 'web-2',
      });
      for (const channel of ['app:info', 'profile:list', 'draft:load']) await ipc(channel, {});
      await expect.poll(() => stream.messages.length).toBeGreaterThan(0);
    } finally {
      stream.close();
    }
    const { clientId, clientSecret } = runtime.sandbox.credentials;
    const everything = [...seen, stream.raw()].join('\n');
    expect(everything).toContain('delivered');
    expect(everything).not.toContain(clientSecret);
    expect(everything).not.toContain(clientId);
  });
});

function omit(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
}

/** Reads /events the way the bridge does: fetch with the token header and the SSE parser. */
async function openEvents(): Promise<{ messages: SseMessage[]; raw(): string; close(): void }> {
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${host.port}/events`, {
    headers: { [TOKEN_HEADER]: host.token },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const messages: SseMessage[] = [];
  let raw = '';
  const parser = createSseParser((message) => messages.push(message));
  void (async () => {
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        const text = decoder.decode(chunk, { stream: true });
        raw += text;
        parser.feed(text);
      }
    } catch {
      // aborted by close()
    }
  })();
  return { messages, raw: () => raw, close: () => controller.abort() };
}
