import { safeStorage } from 'electron';
import { AppError } from '../../src-shared/errors';
import type { KeyProtector } from '../core/host';

/** Linux backends that really protect a key; anything else is a hard-coded key or no answer yet. */
const KEYRING_BACKENDS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

/**
 * The OS key store (Keychain, DPAPI, libsecret/kwallet) wraps the vault's data key, through
 * safeStorage's async API. On Linux without a keyring safeStorage falls back to `basic_text`,
 * a hard-coded key: that is refused here so the creator chooses a passphrase knowingly.
 * `unknown` (asked before the app is ready) is refused too: it vouches for nothing.
 */
export function safeStorageKeyProtector(
  platform: NodeJS.Platform = process.platform,
): KeyProtector {
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  const insecure = platform === 'linux' && !KEYRING_BACKENDS.has(backend);
  return {
    kind: `safeStorage:${backend}`,
    isAvailable: async () => !insecure && (await safeStorage.isAsyncEncryptionAvailable()),
    async wrap(dataKey) {
      if (insecure) throw new AppError('vault_insecure_keystore');
      return safeStorage.encryptStringAsync(dataKey.toString('base64'));
    },
    async unwrap(wrapped) {
      if (insecure) throw new AppError('vault_insecure_keystore');
      try {
        const { result } = await safeStorage.decryptStringAsync(wrapped);
        return Buffer.from(result, 'base64');
      } catch (error) {
        throw new AppError('vault_wrong_key', undefined, { cause: error });
      }
    },
  };
}
