import type { SafeStorage } from 'electron';
import { createCipherFileVault, type SecretVault, type VaultStatus } from '../core/profiles/secretVault';

/** The part of Electron's safeStorage the vault uses: the async API only (the sync one is deprecated). */
export type SafeStorageLike = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export const SAFE_STORAGE_SECRETS_FILE = 'secrets.enc.json';

/**
 * What the profile editor should say about this machine's keyring. Linux `basic_text` means no
 * keyring was found and Chromium encrypts with a fixed, well-known key: effectively plain text.
 */
export async function safeStorageStatus(
  safeStorage: SafeStorageLike,
  platform: string,
): Promise<VaultStatus> {
  const available = await safeStorage.isAsyncEncryptionAvailable().catch(() => false);
  if (!available) {
    return {
      kind: 'safeStorage',
      description: 'This system offers no encryption for secrets.',
      warning: 'Encryption is not available here, so client secrets are kept for this session only.',
      canPersist: false,
      offerSessionOnly: true,
    };
  }
  if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
    return {
      kind: 'safeStorage',
      description: 'No keyring (GNOME Keyring, KWallet) was found: Linux "basic_text" storage.',
      warning:
        'Secrets saved here are only obfuscated, not protected by a keyring: anyone who can read your files can read them. Keep the secret for this session only, or install and unlock a keyring.',
      canPersist: true,
      offerSessionOnly: true,
    };
  }
  const keyring =
    platform === 'darwin' ? 'the macOS Keychain' : platform === 'win32' ? 'Windows DPAPI' : 'your keyring';
  return {
    kind: 'safeStorage',
    description: `Secrets are encrypted with ${keyring} and stored in the app's data folder.`,
    warning: null,
    canPersist: true,
    offerSessionOnly: false,
  };
}

/**
 * SECURITY: the app's vault. Each credential is encrypted with safeStorage's async API in main and
 * written base64-encoded to a 0600 file; only main ever holds the decrypted value.
 */
export async function createSafeStorageVault(
  safeStorage: SafeStorageLike,
  file: string,
  platform: string,
): Promise<SecretVault> {
  const status = await safeStorageStatus(safeStorage, platform);
  return createCipherFileVault({
    file,
    status: () => status,
    cipher: {
      encrypt: async (plain) => {
        if (!status.canPersist)
          throw new Error('Encryption is not available; keep the secret for this session.');
        return (await safeStorage.encryptStringAsync(plain)).toString('base64');
      },
      decrypt: async (stored) => (await safeStorage.decryptStringAsync(Buffer.from(stored, 'base64'))).result,
    },
  });
}
