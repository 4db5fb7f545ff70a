import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type AppCore, type AppCoreOptions, createAppCore } from '../../electron/core/app/createAppCore';
import { dispatch } from '../../electron/core/app/dispatch';
import { type Sandbox, startSandbox } from '../../electron/core/sandbox/index';
import type { IpcResult, PushChannel } from '../../shared/ipc/contract';
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

async function start(overrides: Partial<AppCoreOptions> = {}): Promise<AppCore> {
  const core = await createAppCore({
    userDataDir: dir,
    version: '9.9.9',
    platform: 'test-os',
    emit: (channel, payload) => {
      pushes.push({ channel, payload });
      crossed.push(payload);
    },
    env: {},
    onWarning: (message) => warnings.push(message),
    ...overrides,
  });
  cleanups.push(() => core.dispose());
  return core;
}

async function call(core: AppCore, channel: string, request: unknown): Promise<IpcResult<unknown>> {
  const result = await dispatch(core.handlers, channel, request);
  crossed.push(result);
  return result;
}

async function value<T>(core: AppCore, channel: string, request: unknown): Promise<T> {
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
    });
    await expect(value(core, 'target:list', {})).resolves.toEqual({
      targets: [
        { id: 'sandbox', name: 'Sandbox', kind: 'sandbox', endpoint: core.sandbox.url, secretSet: true },
      ],
      defaultTargetId: 'sandbox',
    });
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

    expect(pushes.map((p) => p.channel)).toEqual(result.interactions.map(() => 'event:progress'));
    expect(pushes.map((p) => p.payload)).toEqual(
      result.interactions.map((interaction) => ({ sendId: 'send-1', interaction })),
    );

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
    expect(invalid.outcome).toBe('rejected');
    expect(invalid.reason).toMatch(/not a valid Segment event/);
    expect(invalid.interactions).toEqual([]);
    expect(core.sandbox.stats().totalCalls + core.sandbox.stats().identityCalls).toBe(0);
    expect(pushes).toEqual([]);
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

  it('moves a corrupt draft aside and starts empty', async () => {
    await writeFile(join(dir, 'draft.json'), '{"formatVersion":1,"te');
    const core = await start();
    await expect(value(core, 'draft:load', {})).resolves.toEqual({ text: null, savedAt: null });
    const files = await readdir(dir);
    expect(files.filter((f) => f.startsWith('draft.corrupt-'))).toHaveLength(1);
    expect(files).not.toContain('draft.json');
  });

  describe('with a Marketo target from the environment', () => {
    let marketo: Sandbox;
    beforeAll(async () => {
      marketo = await startSandbox({ clientId: 'env-client', clientSecret: 'env-secret-4f9d2c1b' });
      secrets.push('env-secret-4f9d2c1b');
    });
    afterAll(() => marketo.close());

    it('lists it with secretSet only and delivers to it with its settings file', async () => {
      const settingsFile = join(dir, 'settings.json');
      await writeFile(settingsFile, JSON.stringify(marketo.settings));
      const core = await start({
        env: {
          MARKETO_ENDPOINT: `${marketo.url}/`,
          MARKETO_CLIENT_ID: 'env-client',
          MARKETO_CLIENT_SECRET: 'env-secret-4f9d2c1b',
          MARKETO_SETTINGS: settingsFile,
        },
      });
      const list = await value<{ targets: unknown[] }>(core, 'target:list', {});
      expect(list.targets).toContainEqual({
        id: 'marketo-env',
        name: 'Marketo (environment)',
        kind: 'marketo',
        endpoint: marketo.url,
        secretSet: true,
      });
      const result = await value<DeliveryResult>(core, 'event:send', {
        event: trackEvent(),
        targetId: 'marketo-env',
        dryRun: false,
        sendId: 'env-1',
      });
      expect(result.outcome).toBe('delivered');
      expect(marketo.activities()).toHaveLength(1);
      expect(core.sandbox.activities()).toHaveLength(0);
      expect(core.redact('token for env-client / env-secret-4f9d2c1b')).not.toMatch(/env-secret|env-client/);
    });

    it.each([
      [{ MARKETO_ENDPOINT: 'https://x.mktorest.com' }, /set all of/],
      [
        { MARKETO_ENDPOINT: 'http://x.mktorest.com', MARKETO_CLIENT_ID: 'a', MARKETO_CLIENT_SECRET: 'b' },
        /https URL/,
      ],
      [
        {
          MARKETO_ENDPOINT: 'https://x.mktorest.com',
          MARKETO_CLIENT_ID: 'a',
          MARKETO_CLIENT_SECRET: 'b',
          MARKETO_SETTINGS: '/nonexistent/settings.json',
        },
        /MARKETO_SETTINGS/,
      ],
    ])('skips an unusable environment (%o) with a warning', async (env, warning) => {
      const core = await start({ env });
      const list = await value<{ targets: { id: string }[] }>(core, 'target:list', {});
      expect(list.targets.map((t) => t.id)).toEqual(['sandbox']);
      expect(warnings).toEqual([expect.stringMatching(warning)]);
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
