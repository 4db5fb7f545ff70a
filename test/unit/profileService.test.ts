import { createServer, type Server } from 'node:net';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDeliveryEngine, type DeliveryEngine } from '../../electron/core/delivery/engine';
import { explainFailure } from '../../electron/core/profiles/marketoProbe';
import { createProfileService, type ProfileService } from '../../electron/core/profiles/profileService';
import {
  createEnvVault,
  createMemoryVault,
  createUserOnlyFileVault,
  type SecretVault,
} from '../../electron/core/profiles/secretVault';
import { type Sandbox, startSandbox } from '../../electron/core/sandbox/index';
import type { ProfileFieldsInput } from '../../shared/profiles';
import { ProfileFieldsSchema } from '../../shared/profiles';

const SECRET = 'second-sandbox-secret-7c1e';
let marketo: Sandbox;
let dir: string;
let engine: DeliveryEngine;

beforeAll(async () => {
  marketo = await startSandbox({ clientId: 'second-client', clientSecret: SECRET });
});
afterAll(() => marketo.close());
beforeEach(() => {
  engine = createDeliveryEngine();
});
afterEach(() => engine.close());
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'event-tester-profiles-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

function service(vault: SecretVault = createMemoryVault({ canPersist: true })): ProfileService {
  return createProfileService({
    dataDir: dir,
    vault,
    sandbox: () => ({
      url: 'http://127.0.0.1:1',
      credentials: { clientId: 'sb', clientSecret: 'sb-secret' },
    }),
    marketo: () => engine,
  });
}

const fields = (extra: Partial<ProfileFieldsInput> = {}) =>
  ProfileFieldsSchema.parse({
    name: 'Second',
    endpoint: marketo.url,
    settings: { formatVersion: 1 },
    ...extra,
  });
const credentials = { clientId: 'second-client', clientSecret: SECRET };

async function filesText(): Promise<string> {
  const names = await readdir(dir);
  const texts = await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
  return texts.join('\n');
}

describe('profiles', () => {
  it('always has the built-in Sandbox, which cannot be deleted', async () => {
    const profiles = service();
    await profiles.load();
    const list = await profiles.list();
    expect(list.activeProfileId).toBe('sandbox');
    expect(list.profiles).toEqual([
      expect.objectContaining({ id: 'sandbox', builtIn: true, secretSet: true }),
    ]);
    expect(await profiles.remove('sandbox')).toEqual({
      ok: false,
      error: expect.stringMatching(/cannot be deleted/),
    });
  });

  it('normalises the endpoint, keeps the secret in the vault only, and answers secretSet', async () => {
    const vault = createMemoryVault({ canPersist: true });
    const profiles = service(vault);
    const saved = await profiles.save({
      fields: fields({ endpoint: `  ${marketo.url}/identity/ ` }),
      credentials,
      keepSecret: 'vault',
    });
    expect(saved).toMatchObject({
      ok: true,
      value: { endpoint: marketo.url, secretSet: true, secretKept: 'vault' },
    });
    expect(JSON.stringify(saved)).not.toContain(SECRET);
    expect(vault.entries.size).toBe(1);
    expect(await filesText()).not.toContain(SECRET);
    // A second service on the same folder (the app restarting) finds it through the vault.
    const again = service(vault);
    await again.load();
    const target = again.targets.get(saved.ok ? saved.value.id : '');
    expect(target).toMatchObject({ ok: true, value: { credentials } });
  });

  it('refuses plain http to another machine, a missing URL and a duplicate name', async () => {
    const profiles = service();
    const http = await profiles.save({
      fields: fields({ endpoint: 'http://123-abc-456.mktorest.com' }),
      keepSecret: 'vault',
    });
    expect(http).toEqual({ ok: false, error: expect.stringMatching(/plain http:\/\/ is allowed only/) });
    const none = await profiles.save({ fields: fields({ endpoint: ' ' }), keepSecret: 'vault' });
    expect(none).toEqual({ ok: false, error: expect.stringMatching(/REST base URL is required/) });
    expect((await profiles.save({ fields: fields(), keepSecret: 'vault' })).ok).toBe(true);
    const clash = await profiles.save({ fields: fields({ name: 'SECOND' }), keepSecret: 'vault' });
    expect(clash).toEqual({ ok: false, error: expect.stringMatching(/already a profile named/) });
  });

  it('keeps a session-only secret in memory and nowhere else', async () => {
    const vault = createUserOnlyFileVault(join(dir, 'secrets.local.json'));
    const profiles = service(vault);
    const saved = await profiles.save({ fields: fields(), credentials, keepSecret: 'session' });
    expect(saved).toMatchObject({ ok: true, value: { secretKept: 'session', secretSet: true } });
    expect(await filesText()).not.toContain(SECRET);
    const restarted = service(vault);
    await restarted.load();
    expect((await restarted.list()).profiles[1]).toMatchObject({ secretSet: false, secretKept: 'none' });
  });

  it("writes event-tester ui's secrets to a file only the user can read", async () => {
    const file = join(dir, 'secrets.local.json');
    const profiles = service(createUserOnlyFileVault(file));
    await profiles.save({ fields: fields(), credentials, keepSecret: 'vault' });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain(SECRET);
  });

  it('duplicates, activates, deletes (falling back to the Sandbox) and forgets the secret', async () => {
    const vault = createMemoryVault({ canPersist: true });
    const profiles = service(vault);
    const saved = await profiles.save({ fields: fields(), credentials, keepSecret: 'vault' });
    const id = saved.ok ? saved.value.id : '';
    const copy = await profiles.duplicate(id);
    expect(copy).toMatchObject({ ok: true, value: { name: 'Second copy', secretSet: true } });
    expect(await profiles.activate(id)).toEqual({ ok: true, value: id });
    expect(await profiles.remove(id)).toEqual({ ok: true, value: 'sandbox' });
    expect(vault.entries.has(id)).toBe(false);
    expect((await profiles.list()).profiles.map((p) => p.name)).toEqual(['Sandbox', 'Second copy']);
  });

  it('exports and imports a profile file with no secret inside, dropping one added by hand', async () => {
    const profiles = service();
    const saved = await profiles.save({
      fields: fields({ production: true }),
      credentials,
      keepSecret: 'vault',
    });
    const exported = await profiles.exportFile(saved.ok ? saved.value.id : '');
    expect(exported).toMatchObject({ ok: true, value: { fileName: 'second.profile.json' } });
    const text = exported.ok ? exported.value.text : '';
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('second-client');
    const tampered = JSON.stringify({ ...JSON.parse(text), clientSecret: SECRET });
    const imported = await profiles.importFile(tampered);
    expect(imported).toMatchObject({
      ok: true,
      value: { name: 'Second 2', production: true, secretSet: false },
    });
    expect(await filesText()).not.toContain(SECRET);
    expect(await profiles.importFile('{"kind":"other"}')).toEqual({
      ok: false,
      error: expect.stringMatching(/Not an Event Tester profile file/),
    });
  });

  it('lets the CLI use MARKETO_CLIENT_ID / MARKETO_CLIENT_SECRET for a profile without a stored secret', async () => {
    await service().save({ fields: fields(), keepSecret: 'vault' });
    const cli = service(
      createEnvVault({ MARKETO_CLIENT_ID: 'second-client', MARKETO_CLIENT_SECRET: SECRET }),
    );
    const found = await cli.find('second');
    const target = await cli.resolveTarget(found?.id ?? '');
    expect(target).toMatchObject({ ok: true, value: { endpoint: marketo.url, credentials } });
  });
});

describe('test connection and Load from Marketo', () => {
  async function saved(extra: Partial<ProfileFieldsInput> = {}, secret = SECRET) {
    const profiles = service();
    const result = await profiles.save({
      fields: fields(extra),
      credentials: { clientId: 'second-client', clientSecret: secret },
      keepSecret: 'vault',
    });
    if (!result.ok) throw new Error(result.error);
    return { profiles, id: result.value.id };
  }

  it("shows today's usage from the sandbox's own counts", async () => {
    marketo.reset();
    const { profiles, id } = await saved({ dailyQuota: 1000 });
    const report = await profiles.test(id);
    expect(report).toMatchObject({
      ok: true,
      value: { ok: true, failure: null, usage: { total: 1, dailyQuota: 1000, left: 999 } },
    });
  });

  it('explains a wrong secret (401) without echoing it', async () => {
    const { profiles, id } = await saved({}, 'wrong-secret-value-1234');
    const report = await profiles.test(id);
    expect(report.ok && report.value.failure).toMatchObject({
      code: 'HTTP 401',
      title: 'Bad client credentials (401)',
      step: 'token',
      hint: expect.stringMatching(/LaunchPoint/),
    });
    expect(JSON.stringify(report)).not.toContain('wrong-secret-value-1234');
  });

  it('explains an unknown host, a TLS error and a timeout', async () => {
    const host = await saved({ endpoint: 'https://no-such-instance.invalid' });
    const unknown = await host.profiles.test(host.id);
    expect(unknown.ok && unknown.value.failure).toMatchObject({ code: 'ENOTFOUND', title: 'Unknown host' });

    const tls = await saved({ name: 'Tls', endpoint: marketo.url.replace('http:', 'https:') });
    const tlsReport = await tls.profiles.test(tls.id);
    expect(tlsReport.ok && tlsReport.value.failure).toMatchObject({ code: 'TLS', title: 'TLS error' });

    const silent: Server = createServer(() => undefined);
    await new Promise<void>((done) => silent.listen(0, '127.0.0.1', done));
    const port = (silent.address() as { port: number }).port;
    try {
      const slow = await saved({
        name: 'Slow',
        endpoint: `http://127.0.0.1:${port}`,
        settings: { formatVersion: 1, timeoutMs: 200 },
      });
      const timeout = await slow.profiles.test(slow.id);
      expect(timeout.ok && timeout.value.failure).toMatchObject({ code: 'TIMEOUT', title: 'Timed out' });
    } finally {
      silent.close();
    }
  });

  it('says which permission a 603 points at', () => {
    const failure = explainFailure('activity-types', { code: '603', message: 'Access denied' }, 30_000);
    expect(failure).toMatchObject({
      code: '603',
      title: 'Access denied (603)',
      hint: expect.stringMatching(/Read-Only Activity Metadata/),
    });
  });

  it('loads activity types and lead fields, and caches them per profile with when', async () => {
    const { profiles, id } = await saved();
    const loaded = await profiles.loadCatalog(id);
    expect(loaded.ok).toBe(true);
    const catalog = loaded.ok ? loaded.value : null;
    expect(catalog?.activityTypes.map((t) => [t.id, t.status])).toContainEqual([100104, 'draft']);
    expect(catalog?.activityTypes[0]?.attributes.map((a) => a.apiName)).toEqual(['seats', 'channel']);
    expect(catalog?.leadFields.find((f) => f.name === 'email')).toMatchObject({ dataType: 'email' });
    expect(await profiles.cachedCatalog(id)).toEqual(catalog);
    await profiles.remove(id);
    expect(await profiles.cachedCatalog(id)).toBeNull();
  });

  it('fills in attributes types.json left out from each type’s describe.json; a failed one is noted, not fatal', async () => {
    const brief = await startSandbox({
      clientId: 'second-client',
      clientSecret: SECRET,
      typesWithoutAttributes: true,
    });
    try {
      const { profiles, id } = await saved({ endpoint: brief.url });
      // The first describe fails (a 611 is not retried by a probe); the other three succeed.
      brief.faults.add({ kind: '611', scope: 'activity-describe', count: 1 });
      const loaded = await profiles.loadCatalog(id);
      if (!loaded.ok) throw new Error(loaded.error);
      const [webinar, trial, page, survey] = loaded.value.activityTypes;
      expect(webinar).toMatchObject({ id: 100101, attributes: [], primaryAttribute: null });
      expect(webinar?.attributesProblem).toMatch(/^Its attributes could not be loaded: .*611/);
      expect(trial).toMatchObject({
        primaryAttribute: { apiName: 'plan', dataType: 'string' },
        attributes: [
          { apiName: 'seats', dataType: 'integer' },
          { apiName: 'source', dataType: 'string' },
        ],
      });
      expect(trial?.attributesProblem).toBeUndefined();
      expect(page?.primaryAttribute).toMatchObject({ apiName: 'url', dataType: 'link' });
      expect(survey).toMatchObject({ status: 'draft', attributes: [{ apiName: 'score' }] });
      expect(brief.stats().byRoute['/rest/v1/activities/external/type/pageVisited_c/describe.json GET']).toBe(
        1,
      );
      // Cached with the note, so the editor shows it offline.
      expect(await profiles.cachedCatalog(id)).toEqual(loaded.value);
    } finally {
      await brief.close();
    }
  });
});
