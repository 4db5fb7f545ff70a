/**
 * SECURITY: the one interface through which core keeps and reads Marketo credentials. Hosts pick
 * the implementation: Electron main encrypts with safeStorage (electron/main/safeStorageVault.ts,
 * on top of `createCipherFileVault`), `event-tester ui` keeps a file only the user can read, the
 * CLI reads MARKETO_CLIENT_ID / MARKETO_CLIENT_SECRET, tests use memory. Nothing here ever logs a
 * value, and nothing returned by a vault leaves core except to the Marketo client.
 */
import { chmod, readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ProfileCredentials, VaultStatus } from '../../../shared/profiles';
import { atomicWrite } from '../atomicWrite';

export type { ProfileCredentials, VaultStatus };

export interface SecretVault {
  status(): VaultStatus;
  get(profileId: string): Promise<ProfileCredentials | null>;
  set(profileId: string, credentials: ProfileCredentials): Promise<void>;
  delete(profileId: string): Promise<void>;
}

export function createMemoryVault(
  status: Partial<VaultStatus> = {},
): SecretVault & { readonly entries: Map<string, ProfileCredentials> } {
  const entries = new Map<string, ProfileCredentials>();
  return {
    entries,
    status: () => ({
      kind: 'memory',
      description: 'Secrets are kept in memory for this session only.',
      warning: null,
      canPersist: false,
      offerSessionOnly: false,
      ...status,
    }),
    get: async (id) => entries.get(id) ?? null,
    set: async (id, credentials) => void entries.set(id, { ...credentials }),
    delete: async (id) => void entries.delete(id),
  };
}

/**
 * The CLI's credentials: MARKETO_CLIENT_ID / MARKETO_CLIENT_SECRET apply to whichever profile is
 * used (the environment is per invocation, like CI secrets). When they are not set, `fallback`
 * (the `event-tester ui` file in the same data folder) is asked, so a profile set up there works.
 */
export function createEnvVault(env: Record<string, string | undefined>, fallback?: SecretVault): SecretVault {
  const fromEnv = (): ProfileCredentials | null => {
    const clientId = env.MARKETO_CLIENT_ID?.trim();
    const clientSecret = env.MARKETO_CLIENT_SECRET?.trim();
    return clientId && clientSecret ? { clientId, clientSecret } : null;
  };
  return {
    status: () => ({
      kind: 'env',
      description: 'The CLI reads MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET from the environment.',
      warning: null,
      canPersist: fallback !== undefined,
      offerSessionOnly: false,
    }),
    get: async (id) => fromEnv() ?? (fallback ? fallback.get(id) : null),
    set: async (id, credentials) => {
      if (!fallback)
        throw new Error('The CLI keeps no secrets: set MARKETO_CLIENT_ID and MARKETO_CLIENT_SECRET.');
      await fallback.set(id, credentials);
    },
    delete: async (id) => fallback?.delete(id),
  };
}

/** Turns a secret into stored text and back; identity for the user-only file, safeStorage in Electron. */
export interface VaultCipher {
  encrypt(plain: string): Promise<string>;
  decrypt(stored: string): Promise<string>;
}

const VaultFileSchema = z.object({
  formatVersion: z.literal(1),
  /** profile id -> the cipher's text of the JSON {clientId, clientSecret}. */
  entries: z.record(z.string(), z.string()),
});

export interface CipherFileVaultOptions {
  file: string;
  cipher: VaultCipher;
  status: () => VaultStatus;
}

/**
 * Credentials in one JSON file (written atomically, mode 0600), each entry passed through the
 * cipher. Entries are read on demand, so a secret is decrypted only when a call needs it.
 */
export function createCipherFileVault(options: CipherFileVaultOptions): SecretVault {
  const { file, cipher } = options;
  let queue: Promise<unknown> = Promise.resolve();
  // Writes are serialised so two saves cannot interleave their read-modify-write.
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  const read = async (): Promise<Map<string, string>> => {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw error;
    }
    const parsed = VaultFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`The secrets file ${file} is not readable by this version.`);
    return new Map(Object.entries(parsed.data.entries));
  };
  const write = async (entries: Map<string, string>): Promise<void> => {
    await atomicWrite(
      file,
      `${JSON.stringify({ formatVersion: 1, entries: Object.fromEntries(entries) }, null, 2)}\n`,
    );
    // atomicWrite creates 0600; chmod again in case the file predates that or a umask widened it.
    await chmod(file, 0o600).catch(() => undefined);
  };
  return {
    status: options.status,
    async get(id) {
      const stored = (await read()).get(id);
      if (stored === undefined) return null;
      const parsed = JSON.parse(await cipher.decrypt(stored)) as ProfileCredentials;
      return { clientId: parsed.clientId, clientSecret: parsed.clientSecret };
    },
    set: (id, credentials) =>
      serial(async () => {
        const entries = await read();
        const plain = JSON.stringify({
          clientId: credentials.clientId,
          clientSecret: credentials.clientSecret,
        });
        entries.set(id, await cipher.encrypt(plain));
        await write(entries);
      }),
    delete: (id) =>
      serial(async () => {
        const entries = await read();
        if (entries.delete(id)) await write(entries);
      }),
  };
}

export const USER_ONLY_SECRETS_FILE = 'secrets.local.json';

/**
 * `event-tester ui`'s vault: a plain JSON file readable only by the user (0600) in the data folder.
 * Plain text on purpose: a Node process has no OS keyring to ask; the UI says exactly this.
 */
export function createUserOnlyFileVault(file: string): SecretVault {
  return createCipherFileVault({
    file,
    cipher: { encrypt: async (plain) => plain, decrypt: async (stored) => stored },
    status: () => ({
      kind: 'file',
      description: `Secrets are stored unencrypted in ${file}, readable only by your user account (the browser host has no OS keyring).`,
      warning: null,
      canPersist: true,
      offerSessionOnly: true,
    }),
  });
}
