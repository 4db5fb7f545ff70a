import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Runtime, type RuntimeOptions, createRuntime } from '../../electron/core/runtime';
import { dispatch } from '../../electron/core/handlers/dispatch';
import { type Sandbox, startSandbox } from '../../electron/core/sandbox/index';
import type { IpcResult, PushChannel } from '../../shared/ipc/contract';
import type { DeliveryRecord, HistoryPage } from '../../shared/history';
import type { DeliveryResult } from '../../shared/interaction';
import { eventTemplates } from '../../shared/segment/templates';

/** Everything that crossed "IPC" in a test, for the secret scan. */
const crossed: unknown[] = [];
const pushes: { channel: PushChannel; payload: unknown }[] = [];
const warnings: string[] = [];
const cleanups: (() => Promise<unknown>)[] = [];

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'event-tester-core-'));
  pushes.length = 0;
  warnings.length = 0;
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function start(overrides: Partial<RuntimeOptions> = {}): Promise<Runtime> {
  const core = await createRuntime({
    userDataDir: dir,
    version: '9.9.9',
    platform: 'test-os',
    emit: (channel, payload) => {
      pushes.push({ channel, payload });
      crossed.push(payload);
    },
    onWarning: (message) => warnings.push(message),
    ...overrides,
  });
  cleanups.push(() => core.dispose());
  return core;
}

async function call(core: Runtime, channel: string, request: unknown): Promise<IpcResult<unknown>> {
  const result = await dispatch(core.handlers, channel, request);
  crossed.push(result);
  return result;
}

async function value<T>(core: Runtime, channel: string, request: unknown): Promise<T> {
  const result = await call(core, channel, request);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

const trackEvent = () => JSON.parse(eventTemplates.track());

describe('app core over the real sandbox', () => {
  const secrets: string[] = [];
  afterAll(() => {
    // Every response and push of every test in this file, scanned for credentials and tokens.
    const all = JSON.stringify(crossed);
    expect(crossed.length).toBeGreaterThan(10);
    for (const secret of secrets) expect(all).not.toContain(secret);
    expect(all).not.toMatch(/[0-9a-f-]{36}:sb/);
  });

  it('answers app:info and lists the sandbox as the default target without its secret', async () => {
    const core = await start();
    secrets.push(core.sandbox.credentials.clientSecret);
    await expect(value(core, 'app:info', {})).resolves.toEqual({
      version: '9.9.9',
      platform: 'test-os',
      sandboxUrl: core.sandbox.url,
      historyPath: join(dir, 'event-tester.db'),
      historyProblem: null,
    });
    const profiles = await value<{ profiles: { id: string; endpoint: string; secretSet: boolean }[] }>(
      core,
      'profile:list',
      {},
    );
    expect(profiles.profiles).toEqual([
      expect.objectContaining({ id: 'sandbox', endpoint: core.sandbox.url, secretSet: true }),
    ]);
  });

  it('event:send delivers the template track and pushes every interaction as it happens', async () => {
    const core = await start();
    secrets.push(core.sandbox.credentials.clientSecret);
    const before = core.sandbox.activities().length;
    const result = await value<DeliveryResult>(core, 'event:send', {
      event: trackEvent(),
      targetId: 'sandbox',
      dryRun: false,
      sendId: 'send-1',
    });
    expect(result.outcome).toBe('delivered');
    expect(result.interactions.map((i) => i.step)).toEqual(['token', 'lead-lookup', 'activity-post']);
    expect(core.sandbox.activities()).toHaveLength(before + 1);

    // Every exchange as it happens, then the recorded summary once the delivery is in history.
    expect(pushes.map((p) => p.channel)).toEqual([
      ...result.interactions.map(() => 'event:progress'),
      'history:recorded',
    ]);
    expect(pushes.slice(0, -1).map((p) => p.payload)).toEqual(
      result.interactions.map((interaction) => ({ sendId: 'send-1', interaction })),
    );
    expect(pushes.at(-1)?.payload).toMatchObject({
      id: result.id,
      outcome: 'delivered',
      source: 'app',
      targetId: 'sandbox',
      callType: 'track',
      calls: 3,
    });

    // The token the engine used is the sandbox's live one: fetch it to scan for it too.
    const { clientId, clientSecret } = core.sandbox.credentials;
    const token = await fetch(
      `${core.sandbox.url}/identity/oauth/token?grant_type=client_credentials&client_id=${clientId}&client_secret=${clientSecret}`,
    ).then((r) => r.json() as Promise<{ access_token: string }>);
    expect(token.access_token).toMatch(/:sb$/);
    secrets.push(token.access_token);
  });

  it('a dry run plans the calls and sends nothing', async () => {
    const core = await start();
    const result = await value<DeliveryResult>(core, 'event:send', {
      event: trackEvent(),
      targetId: 'sandbox',
      dryRun: true,
      sendId: 'dry-1',
    });
    expect(result).toMatchObject({ outcome: 'planned', dryRun: true, interactions: [] });
    expect(result.plan.length).toBeGreaterThan(0);
    expect(core.sandbox.stats().totalCalls).toBe(0);
    expect(pushes).toEqual([]);
  });

  it('refuses bad requests, invalid events and unknown targets without calling Marketo', async () => {
    const core = await start();
    await expect(
      call(core, 'event:send', { event: trackEvent(), targetId: 'sandbox' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
    await expect(
      call(core, 'event:send', { event: trackEvent(), targetId: 'nope', dryRun: false, sendId: 's' }),
    ).resolves.toMatchObject({ ok: false, error: { code: 'not-found' } });

    const invalid = await value<DeliveryResult>(core, 'event:send', {
      event: { type: 'track', userId: 'u1' },
      targetId: 'sandbox',
      dryRun: false,
      sendId: 's',
    });
    expect(invalid).toMatchObject({ outcome: 'rejected', code: 'INVALID_EVENT', interactions: [] });
    expect(invalid.reason).toMatch(/The event is not valid: \$\.event /);
    expect(core.sandbox.stats().totalCalls + core.sandbox.stats().identityCalls).toBe(0);
    // Recorded like any rejection, so the history shows what was refused and why.
    expect(pushes).toEqual([
      {
        channel: 'history:recorded',
        payload: expect.objectContaining({ id: invalid.id, code: 'INVALID_EVENT' }),
      },
    ]);
  });

  it('drafts round-trip and survive a restart on the same folder', async () => {
    const first = await start();
    await expect(value(first, 'draft:load', {})).resolves.toEqual({ text: null, savedAt: null });
    const text = eventTemplates.identify();
    const saved = await value<{ savedAt: string }>(first, 'draft:save', { text });
    await first.dispose();

    const second = await start();
    await expect(value(second, 'draft:load', {})).resolves.toEqual({ text, savedAt: saved.savedAt });
  });

  it('preferences start at their defaults, are kept in preferences.json and survive a restart', async () => {
    const first = await start();
    await expect(value(first, 'app:preferences', {})).resolves.toEqual({ sandboxNoteDismissed: false });
    await expect(value(first, 'app:set-preferences', { sandboxNoteDismissed: true })).resolves.toEqual({
      sandboxNoteDismissed: true,
    });
    await first.dispose();
    expect(JSON.parse(await readFile(join(dir, 'preferences.json'), 'utf8'))).toEqual({
      formatVersion: 1,
      sandboxNoteDismissed: true,
    });

    const second = await start();
    await expect(value(second, 'app:preferences', {})).resolves.toEqual({ sandboxNoteDismissed: true });
    // An empty patch changes nothing; an unknown preference is refused, not stored.
    await expect(value(second, 'app:set-preferences', {})).resolves.toEqual({ sandboxNoteDismissed: true });
    await expect(call(second, 'app:set-preferences', { theme: 'light' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });

  it('an unreadable preferences file reads as the defaults', async () => {
    await writeFile(join(dir, 'preferences.json'), '{"formatVersion":1,"sandboxNote');
    const core = await start();
    await expect(value(core, 'app:preferences', {})).resolves.toEqual({ sandboxNoteDismissed: false });
  });

  it('moves a corrupt draft aside and starts empty', async () => {
    await writeFile(join(dir, 'draft.json'), '{"formatVersion":1,"te');
    const core = await start();
    await expect(value(core, 'draft:load', {})).resolves.toEqual({ text: null, savedAt: null });
    const files = await readdir(dir);
    expect(files.filter((f) => f.startsWith('draft.corrupt-'))).toHaveLength(1);
    expect(files).not.toContain('draft.json');
  });

  describe('with a Marketo profile (the environment target is gone from the app)', () => {
    let marketo: Sandbox;
    beforeAll(async () => {
      marketo = await startSandbox({ clientId: 'profile-client', clientSecret: 'profile-secret-4f9d2c1b' });
      secrets.push('profile-secret-4f9d2c1b');
    });
    afterAll(() => marketo.close());

    it('saves it with secretSet only, tests the connection and delivers with its settings', async () => {
      const core = await start();
      const { profile } = await value<{ profile: { id: string; endpoint: string; secretSet: boolean } }>(
        core,
        'profile:save',
        {
          fields: { name: 'Second', endpoint: ` ${marketo.url}/rest `, settings: marketo.settings },
          credentials: { clientId: 'profile-client', clientSecret: 'profile-secret-4f9d2c1b' },
        },
      );
      expect(profile).toMatchObject({ endpoint: marketo.url, secretSet: true });
      const report = await value<{ ok: boolean; usage: { total: number } }>(core, 'profile:test', {
        id: profile.id,
      });
      expect(report).toMatchObject({ ok: true, usage: { total: 1 } });
      const result = await value<DeliveryResult>(core, 'event:send', {
        event: trackEvent(),
        targetId: profile.id,
        dryRun: false,
        sendId: 'profile-1',
      });
      expect(result.outcome).toBe('delivered');
      expect(marketo.activities()).toHaveLength(1);
      expect(core.sandbox.activities()).toHaveLength(0);
      expect(core.redact('token for profile-client / profile-secret-4f9d2c1b')).not.toMatch(/profile-secret/);
    });

    it('ignores MARKETO_* in the environment and refuses plain http to another machine', async () => {
      const core = await start();
      const list = await value<{ profiles: { id: string }[] }>(core, 'profile:list', {});
      expect(list.profiles.map((p) => p.id)).toEqual(['sandbox']);
      const refused = await call(core, 'profile:save', {
        fields: { name: 'Plain', endpoint: 'http://x.mktorest.com', settings: { formatVersion: 1 } },
      });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'bad-request', message: expect.stringMatching(/plain http:\/\/ is allowed only/) },
      });
    });
  });

  describe('history', () => {
    it('records each send and answers history:list and history:get with the full lifecycle', async () => {
      const core = await start();
      const sent = [];
      for (const sendId of ['h-1', 'h-2']) {
        sent.push(
          await value<DeliveryResult>(core, 'event:send', {
            event: trackEvent(),
            targetId: 'sandbox',
            dryRun: false,
            sendId,
          }),
        );
      }
      await value(core, 'event:send', {
        event: trackEvent(),
        targetId: 'sandbox',
        dryRun: true,
        sendId: 'h-dry',
      });
      const page = await value<HistoryPage>(core, 'history:list', {});
      // Newest first; the dry run sent nothing and is not history.
      expect(page.total).toBe(2);
      expect(page.items.map((item) => item.id)).toEqual([sent[1]!.id, sent[0]!.id]);
      expect(page.items[0]).toMatchObject({
        outcome: 'delivered',
        eventName: 'Webinar Registered',
        source: 'app',
      });
      const record = await value<DeliveryRecord>(core, 'history:get', { id: sent[0]!.id });
      expect(record).toMatchObject({
        id: sent[0]!.id,
        outcome: 'delivered',
        event: { type: 'track', event: 'Webinar Registered' },
      });
      expect(record.interactions).toEqual(sent[0]!.interactions);
      await expect(call(core, 'history:get', { id: 'no-such-id' })).resolves.toMatchObject({
        ok: false,
        error: { code: 'not-found' },
      });
      await expect(value(core, 'history:list', { outcomes: ['failed'] })).resolves.toMatchObject({
        total: 0,
      });
    });

    it('keeps nothing when recording is off, and says so', async () => {
      const core = await start({ history: { record: false } });
      await value(core, 'event:send', {
        event: trackEvent(),
        targetId: 'sandbox',
        dryRun: false,
        sendId: 'n-1',
      });
      await expect(value(core, 'history:list', {})).resolves.toEqual({ items: [], total: 0, offset: 0 });
      await expect(value(core, 'app:info', {})).resolves.toMatchObject({
        historyPath: null,
        historyProblem: 'Recording is switched off.',
      });
      expect(pushes.map((p) => p.channel)).not.toContain('history:recorded');
      expect(await readdir(dir)).not.toContain('event-tester.db');
    });

    it('still delivers when the database is unusable, leaves the file alone and explains why', async () => {
      const junk = 'this is not a database, and it must survive\n'.repeat(200);
      await writeFile(join(dir, 'event-tester.db'), junk);
      const core = await start();
      const info = await value<{ historyProblem: string | null }>(core, 'app:info', {});
      expect(info.historyProblem).toMatch(/event-tester\.db/);
      expect(warnings).toEqual([info.historyProblem]);
      const result = await value<DeliveryResult>(core, 'event:send', {
        event: trackEvent(),
        targetId: 'sandbox',
        dryRun: false,
        sendId: 'c-1',
      });
      expect(result.outcome).toBe('delivered');
      expect(await readFile(join(dir, 'event-tester.db'), 'utf8')).toBe(junk);
    });
  });

  it('dispose closes the sandbox and refuses further sends', async () => {
    const core = await start();
    const url = core.sandbox.url;
    await core.dispose();
    await expect(fetch(`${url}/identity/oauth/token`)).rejects.toThrow();
    await expect(
      call(core, 'event:send', { event: trackEvent(), targetId: 'sandbox', dryRun: false, sendId: 's' }),
    ).resolves.toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'The app is shutting down.' },
    });
  });
});
