import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/ipc/contract';
import { eventTemplates } from '../../shared/segment/templates';
import { app, fake, fakeEvent, senderEvent } from '../helpers/fakeElectron';

vi.mock('electron', () => import('../helpers/fakeElectron'));

/** Runs electron/main/index.ts against the stand-in module, with the real core behind it. */
let userData: string;
const TOP = senderEvent('app://event-tester/index.html');
const invoke = (channel: string, event: unknown, request: unknown) =>
  fake.ipcHandlers.get(channel)!(event, request);

beforeAll(async () => {
  userData = await mkdtemp(join(tmpdir(), 'event-tester-main-'));
  process.env.EVENT_TESTER_HOME = userData;
  await import('../../electron/main/index');
  app.makeReady();
  await vi.waitFor(() => expect(fake.loadedUrls).toHaveLength(1), { timeout: 10_000 });
});
afterAll(async () => {
  delete process.env.EVENT_TESTER_HOME;
  await rm(userData, { recursive: true, force: true });
});

describe('electron main wiring', () => {
  it('sets up the app before ready: user data, sandbox, single instance, app:// scheme', () => {
    expect(app.getPath('userData')).toBe(userData);
    expect(app.sandboxEnabled).toBe(true);
    expect(app.lockRequested).toBe(true);
    expect(fake.privilegedSchemes).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect([...fake.protocolHandlers.keys()]).toEqual(['app']);
    expect(fake.permissionRequestHandler).toBeTypeOf('function');
    expect(fake.permissionCheckHandler).toBeTypeOf('function');
    expect(fake.menuTemplate).not.toBeNull();
  });

  it('opens one secure window on app://event-tester with the bundled preload', () => {
    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window!.loadedUrl).toBe('app://event-tester/index.html');
    expect(window!.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: join(process.cwd(), 'dist', 'preload', 'index.cjs'),
    });
    expect(window!.webContents.windowOpenHandler).toBeTypeOf('function');
    expect(window!.webContents.listenerCount('will-navigate')).toBe(1);
  });

  it('registers every contract channel exactly once and nothing else', () => {
    expect([...fake.ipcHandleCalls].sort()).toEqual([...CHANNELS].sort());
  });

  it('serves the renderer folder only', async () => {
    const handler = fake.protocolHandlers.get('app')!;
    expect((await handler(new Request('app://event-tester/..%2Fpackage.json'))).status).toBe(403);
  });

  it('answers our window and refuses anyone else before reaching core', async () => {
    const info = (await invoke('app:info', TOP, {})) as { ok: boolean; value: { sandboxUrl: string } };
    expect(info.ok).toBe(true);
    expect(info.value.sandboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(invoke('app:info', senderEvent('https://evil.example/'), {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await expect(invoke('draft:save', TOP, { text: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it('delivers a send and pushes its progress to the window', async () => {
    const window = fake.windows[0]!;
    const result = (await invoke('event:send', TOP, {
      event: JSON.parse(eventTemplates.track()),
      targetId: 'sandbox',
      dryRun: false,
      sendId: 'main-1',
    })) as { ok: boolean; value: { outcome: string; interactions: unknown[] } };
    expect(result.ok).toBe(true);
    expect(result.value.outcome).toBe('delivered');
    const progress = window.webContents.sent.filter((s) => s.channel === 'event:progress');
    expect(progress).toHaveLength(result.value.interactions.length);
    expect(progress[0]!.payload).toMatchObject({ sendId: 'main-1' });
  });

  it('records the send in the history database of the data folder and tells the window', async () => {
    const info = (await invoke('app:info', TOP, {})) as { value: { historyPath: string | null } };
    expect(info.value.historyPath).toBe(join(userData, 'event-tester.db'));
    const page = (await invoke('history:list', TOP, {})) as {
      ok: boolean;
      value: { items: { id: string; source: string }[] };
    };
    expect(page.ok).toBe(true);
    expect(page.value.items).toEqual([expect.objectContaining({ source: 'app' })]);
    const recorded = fake.windows[0]!.webContents.sent.filter((s) => s.channel === 'history:recorded');
    expect(recorded.map((s) => (s.payload as { id: string }).id)).toEqual([page.value.items[0]!.id]);
  });

  it('focuses the window on a second instance', () => {
    app.emit('second-instance');
    expect(fake.windows[0]!.focused).toBe(true);
  });

  it('holds the quit until the core is disposed, then quits', async () => {
    const info = (await invoke('app:info', TOP, {})) as { value: { sandboxUrl: string } };
    const quitsBefore = app.quitCalls;
    const event = fakeEvent({});
    app.emit('will-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(app.quitCalls).toBe(quitsBefore + 1));
    await expect(fetch(`${info.value.sandboxUrl}/identity/oauth/token`)).rejects.toThrow();
    // The second will-quit (from that app.quit()) goes through.
    const again = fakeEvent({});
    app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });
});
