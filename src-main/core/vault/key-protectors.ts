import { randomBytes, scrypt as scryptCallback, type ScryptOptions } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import type { KeyProtector } from '../host';
import { open, seal, SealBrokenError } from './sealed-box';

const WRAP_AAD = 'switchboard:key-wrap:v1';
const SALT_BYTES = 16;
/** scrypt cost: ~100 ms on a laptop, 32 MiB of memory — OWASP's floor for interactive logins. */
export const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;

export function deriveKey(
  passphrase: string,
  salt: Buffer,
  params: ScryptOptions = SCRYPT_PARAMS,
): Promise<Buffer> {
  return new Promise((resolvePromise, reject) =>
    scryptCallback(passphrase.normalize('NFKC'), salt, 32, params, (error, key) =>
      error ? reject(error) : resolvePromise(key),
    ),
  );
}

function unwrapWith(key: Buffer, sealed: Buffer): Buffer {
  try {
    return open(key, sealed, WRAP_AAD);
  } catch (error) {
    if (error instanceof SealBrokenError) throw new AppError('vault_wrong_key');
    throw error;
  }
}

/** Wraps the data key with a key derived from a passphrase (scrypt). Layout: salt | sealed. */
export function passphraseKeyProtector(passphrase: string): KeyProtector {
  if (passphrase.length === 0)
    throw new AppError('vault_wrong_key', 'The vault passphrase is empty.');
  return {
    kind: 'passphrase',
    isAvailable: async () => true,
    async wrap(dataKey) {
      const salt = randomBytes(SALT_BYTES);
      return Buffer.concat([salt, seal(await deriveKey(passphrase, salt), dataKey, WRAP_AAD)]);
    },
    async unwrap(wrapped) {
      const salt = wrapped.subarray(0, SALT_BYTES);
      return unwrapWith(await deriveKey(passphrase, salt), wrapped.subarray(SALT_BYTES));
    },
  };
}

/** Wraps the data key with a raw 256-bit key given as 64 hex digits or base64. */
export function rawKeyProtector(encodedKey: string): KeyProtector {
  const trimmed = encodedKey.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new AppError(
      'vault_wrong_key',
      'SWITCHBOARD_VAULT_KEY must be 32 bytes, as 64 hex digits or base64.',
    );
  }
  return {
    kind: 'raw-key',
    isAvailable: async () => true,
    wrap: async (dataKey) => seal(key, dataKey, WRAP_AAD),
    unwrap: async (wrapped) => unwrapWith(key, wrapped),
  };
}
