import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createProfileService } from '../../electron/core/profiles/profileService';
import { SAFE_STORAGE_SECRETS_FILE, createSafeStorageVault } from '../../electron/main/safeStorageVault';
import { ProfileFieldsSchema } from '../../shared/profiles';
import { fake, safeStorage } from '../helpers/fakeElectron';

vi.mock('electron', () => import('../helpers/fakeElectron'));

const SECRET = 'keyring-secret-5d2a9e';
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'event-tester-safestorage-'));
  fake.safeStorage = { available: true, backend: 'gnome_libsecret', encrypted: 0 };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

/** The app's profile service over the safeStorage vault, as electron/main/index.ts wires it. */
async function appProfiles(platform = 'linux') {
  const vault = await createSafeStorageVault(safeStorage, join(dir, SAFE_STORAGE_SECRETS_FILE), platform);
  const profiles = createProfileService({ dataDir: dir, vault, sandbox: () => null });
  await profiles.load();
  return profiles;
}

const fields = ProfileFieldsSchema.parse({
  name: 'Acme production',
  endpoint: 'https://123-ABC-456.mktorest.com/rest',
  production: true,
  settings: { formatVersion: 1 },
});
const credentials = { clientId: 'acme-client', clientSecret: SECRET };

describe('the safeStorage vault (Electron main)', () => {
  it('encrypts with the async API into a user-only file and decrypts after a restart', async () => {
    const profiles = await appProfiles();
    expect((await profiles.list()).vault).toMatchObject({
      kind: 'safeStorage',
      warning: null,
      canPersist: true,
    });
    const saved = await profiles.save({ fields, credentials, keepSecret: 'vault' });
    expect(saved).toMatchObject({ ok: true, value: { secretSet: true, secretKept: 'vault' } });
    expect(fake.safeStorage.encrypted).toBe(1);
    const file = join(dir, SAFE_STORAGE_SECRETS_FILE);
    const stored = await readFile(file, 'utf8');
    expect(stored).not.toContain(SECRET);
    expect(stored).not.toContain('acme-client');
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const restarted = await appProfiles();
    const target = restarted.targets.get(saved.ok ? saved.value.id : '');
    expect(target).toMatchObject({
      ok: true,
      value: { credentials, endpoint: 'https://123-abc-456.mktorest.com' },
    });
  });

  it('keeps secrets for this session only when encryption is unavailable, and says so', async () => {
    fake.safeStorage.available = false;
    const profiles = await appProfiles();
    const { vault } = await profiles.list();
    expect(vault).toMatchObject({
      canPersist: false,
      offerSessionOnly: true,
      warning: expect.stringMatching(/session only/),
    });
    const saved = await profiles.save({ fields, credentials, keepSecret: 'vault' });
    expect(saved).toMatchObject({ ok: true, value: { secretSet: true, secretKept: 'session' } });
    expect(fake.safeStorage.encrypted).toBe(0);
    await expect(readFile(join(dir, SAFE_STORAGE_SECRETS_FILE), 'utf8')).rejects.toThrow();
    expect(await readFile(join(dir, 'profiles.json'), 'utf8')).not.toContain(SECRET);
  });

  it('warns about Linux basic_text and honours "this session only"', async () => {
    fake.safeStorage.backend = 'basic_text';
    const profiles = await appProfiles('linux');
    expect((await profiles.list()).vault).toMatchObject({
      canPersist: true,
      offerSessionOnly: true,
      warning: expect.stringMatching(/not protected by a keyring/),
    });
    const session = await profiles.save({ fields, credentials, keepSecret: 'session' });
    expect(session).toMatchObject({ ok: true, value: { secretKept: 'session' } });
    expect(fake.safeStorage.encrypted).toBe(0);
    // The user may still choose to store it anyway; then it is encrypted as on any system.
    const stored = await profiles.save({
      id: session.ok ? session.value.id : '',
      fields,
      credentials,
      keepSecret: 'vault',
    });
    expect(stored).toMatchObject({ ok: true, value: { secretKept: 'vault' } });
    expect(fake.safeStorage.encrypted).toBe(1);
  });

  it('does not read the backend on macOS and Windows', async () => {
    fake.safeStorage.backend = 'basic_text';
    const vault = await createSafeStorageVault(safeStorage, join(dir, SAFE_STORAGE_SECRETS_FILE), 'darwin');
    expect(vault.status()).toMatchObject({ warning: null, description: expect.stringMatching(/Keychain/) });
  });
});
