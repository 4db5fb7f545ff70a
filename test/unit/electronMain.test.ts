import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HandlerTable } from '../../electron/core/handlers/types';
import { isAllowedExternalUrl } from '../../electron/main/externalLinks';
import { isTrustedSender, registerIpc } from '../../electron/main/ipc';
import { buildMenuTemplate } from '../../electron/main/menu';
import { lockDownPermissions } from '../../electron/main/permissions';
import { CONTENT_SECURITY_POLICY, createAppProtocolHandler } from '../../electron/main/protocol';
import { type WindowDeps, createMainWindow } from '../../electron/main/window';
import { CHANNELS } from '../../shared/ipc/contract';
import { BrowserWindow, fake, fakeEvent, senderEvent, session, shell } from '../helpers/fakeElectron';

vi.mock('electron', () => import('../helpers/fakeElectron'));

const deps = { BrowserWindow, shell } as unknown as WindowDeps;
const APP = 'app://event-tester/index.html';

describe('main window', () => {
  const window = createMainWindow(deps, {
    preloadPath: '/app/dist/preload/index.cjs',
  }) as unknown as BrowserWindow;
  const contents = window.webContents;

  it('uses secure webPreferences and the preload bundle', () => {
    expect(window.options).toMatchObject({ width: 1280, height: 800, minWidth: 1024, minHeight: 700 });
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/dist/preload/index.cjs',
    });
    expect(window.loadedUrl).toBe(APP);
  });

  it('allows same-origin navigation and prevents every other', () => {
    const navigate = (url: string) => {
      const event = fakeEvent({ url });
      contents.emit('will-navigate', event);
      return event.defaultPrevented;
    };
    expect(navigate('app://event-tester/index.html#/lifecycle')).toBe(false);
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('app://other-host/index.html')).toBe(true);
    expect(navigate('file:///etc/passwd')).toBe(true);
    expect(navigate('http://127.0.0.1:5173/')).toBe(true);
    for (const name of ['will-redirect', 'will-frame-navigate']) {
      const foreign = fakeEvent({ url: 'https://evil.example/' });
      contents.emit(name, foreign);
      expect(foreign.defaultPrevented, name).toBe(true);
      const own = fakeEvent({ url: APP });
      contents.emit(name, own);
      expect(own.defaultPrevented, name).toBe(false);
    }
    const webview = fakeEvent({});
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('denies every window.open and opens only allow-listed https links externally', () => {
    fake.openedExternally.length = 0;
    const open = (url: string) => contents.windowOpenHandler!({ url });
    expect(open('https://experienceleague.adobe.com/en/docs/marketo/using/home')).toEqual({ action: 'deny' });
    expect(open('https://segment.com/docs/connections/spec/track/')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('http://segment.com/docs/')).toEqual({ action: 'deny' });
    expect(open(APP)).toEqual({ action: 'deny' });
    expect(fake.openedExternally).toEqual([
      'https://experienceleague.adobe.com/en/docs/marketo/using/home',
      'https://segment.com/docs/connections/spec/track/',
    ]);
  });

  it('opens an allow-listed link navigated to in the system browser instead', () => {
    fake.openedExternally.length = 0;
    const event = fakeEvent({ url: 'https://github.com/segmentio' });
    contents.emit('will-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(fake.openedExternally).toEqual(['https://github.com/segmentio']);
  });

  it('the external allow-list is strict about scheme, host, port and credentials', () => {
    expect(isAllowedExternalUrl('https://github.com/a/b')).toBe(true);
    expect(isAllowedExternalUrl('https://github.com.evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://evilgithub.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('https://github.com:8443/')).toBe(false);
    expect(isAllowedExternalUrl('https://segment.com/pricing')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
    expect(isAllowedExternalUrl('not a url')).toBe(false);
  });
});

describe('IPC registration', () => {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      async (request: unknown) => {
        calls.push(channel);
        if (channel === 'draft:save') return { savedAt: `saved ${(request as { text: string }).text}` };
        if (channel === 'app:info') return { version: '1', platform: 'linux', sandboxUrl: null };
        throw new Error('not used');
      },
    ]),
  ) as unknown as HandlerTable;
  const registered = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  registerIpc({ handle: (channel, fn) => void registered.set(channel, fn as never) }, handlers);
  const invoke = (channel: string, event: unknown, request: unknown) =>
    registered.get(channel)!(event, request);

  it('registers every contract channel and nothing else', () => {
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('a good request from our top frame reaches the handler', async () => {
    calls.length = 0;
    await expect(invoke('draft:save', senderEvent(APP), { text: 'hi' })).resolves.toEqual({
      ok: true,
      value: { savedAt: 'saved hi' },
    });
    expect(calls).toEqual(['draft:save']);
  });

  it.each([
    ['a foreign origin', senderEvent('https://evil.example/index.html')],
    ['a look-alike app host', senderEvent('app://event-tester.evil/index.html')],
    ['a file URL', senderEvent('file:///work/main/dist/renderer/index.html')],
    ['a subframe of our page', senderEvent(APP, { url: APP })],
    ['no sender frame', senderEvent(undefined)],
    ['a sender frame without a URL', { senderFrame: { url: undefined, parent: null } }],
    ['an event without senderFrame', {}],
    [
      'a disposed frame',
      {
        get senderFrame() {
          throw new Error('Render frame was disposed');
        },
      },
    ],
  ])('refuses %s with forbidden and never calls core', async (_label, event) => {
    calls.length = 0;
    const result = await invoke('draft:save', event, { text: 'hi' });
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('refuses a bad payload with bad-request and never calls core', async () => {
    calls.length = 0;
    const result = await invoke('draft:save', senderEvent(APP), { text: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((result as { error: { message: string } }).error.message).toContain('text');
    expect(calls).toEqual([]);
  });

  it('isTrustedSender accepts only the top frame of app://event-tester', () => {
    expect(isTrustedSender(senderEvent('app://event-tester/'))).toBe(true);
    expect(isTrustedSender(senderEvent('app://event-tester:1234/'))).toBe(false);
    expect(isTrustedSender(senderEvent('not a url'))).toBe(false);
  });
});

describe('app:// protocol', () => {
  let root: string;
  let handler: (request: Request) => Promise<Response>;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'event-tester-proto-'));
    await mkdir(join(root, 'renderer', 'assets'), { recursive: true });
    await writeFile(join(root, 'renderer', 'index.html'), '<!doctype html><title>Event Tester</title>');
    await writeFile(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
    await writeFile(join(root, 'secret.txt'), 'TOP SECRET');
    handler = createAppProtocolHandler(join(root, 'renderer'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('serves HTML with the CSP header and assets with their type', async () => {
    for (const url of ['app://event-tester/index.html', 'app://event-tester/', 'app://event-tester']) {
      const response = await handler(new Request(url));
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).toContain('<title>Event Tester</title>');
    }
    const script = await handler(new Request('app://event-tester/assets/app.js'));
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });

  it.each([
    'app://event-tester/..%2Fsecret.txt',
    'app://event-tester/%2e%2e%2fsecret.txt',
    'app://event-tester/assets/..%2F..%2Fsecret.txt',
    'app://event-tester/..%5Csecret.txt',
    'app://event-tester/index.html%00.js',
    'app://event-tester/%E0%A4%A',
    'app://other-host/index.html',
  ])('refuses %s', async (url) => {
    const response = await handler(new Request(url));
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('TOP SECRET');
  });

  it('answers 404 for missing files and 405 for writes', async () => {
    expect((await handler(new Request('app://event-tester/missing.js'))).status).toBe(404);
    expect(
      (await handler(new Request('app://event-tester/index.html', { method: 'POST', body: 'x' }))).status,
    ).toBe(405);
  });
});

describe('permissions and menu', () => {
  it('denies permission requests and checks', () => {
    lockDownPermissions(session.defaultSession as never);
    const decisions: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      fake.permissionRequestHandler!(null, permission, (granted: boolean) => decisions.push(granted), {
        requestingUrl: APP,
      });
      expect(fake.permissionCheckHandler!(null, permission, 'app://event-tester', {})).toBe(false);
    }
    expect(decisions).toEqual([false, false, false, false, false]);
    // The one exception: the copy buttons may write to the clipboard, from our own page only.
    expect(fake.permissionCheckHandler!(null, 'clipboard-sanitized-write', 'app://event-tester', {})).toBe(
      true,
    );
    expect(fake.permissionCheckHandler!(null, 'clipboard-sanitized-write', 'https://evil.example', {})).toBe(
      false,
    );
  });

  it('shows dev tools only when not packaged', () => {
    const roles = (isPackaged: boolean) =>
      JSON.stringify(buildMenuTemplate({ isPackaged, platform: 'linux' }));
    expect(roles(false)).toContain('toggleDevTools');
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(true)).not.toContain('"reload"');
    expect(roles(true)).toContain('"quit"');
    expect(roles(true)).toContain('"paste"');
  });
});
