import { randomBytes } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';
import type { KeyProtector } from '../host';
import { assertPassphraseStrength } from './passphrase-policy';
import { open, seal, SealBrokenError } from './sealed-box';
import {
  COST_BYTES,
  decodeCost,
  deriveKey,
  encodeCost,
  LEGACY_SCRYPT_COST,
  SCRYPT_COST,
  type ScryptCost,
} from './scrypt-kdf';

const WRAP_AAD = 'switchboard:key-wrap:v1';
const SALT_BYTES = 16;
const SEALED_KEY_BYTES = 12 + 16 + 32; // iv | tag | 32-byte data key
/** Version 0 (no header, N=2^15): salt | sealed. Told apart from version 1 by its length. */
const V0_BYTES = SALT_BYTES + SEALED_KEY_BYTES;
/** Version 1: magic | format | scrypt cost | salt | sealed, the header bound as associated data. */
const MAGIC = Buffer.from('sbkw', 'ascii');
const FORMAT = 1;
const V1_HEADER_BYTES = MAGIC.length + 1 + COST_BYTES + SALT_BYTES;

/** A passphrase protector also tells whether a stored wrap is weaker than today's. */
export interface PassphraseKeyProtector extends KeyProtector {
  readonly kind: 'passphrase';
  /** True for a wrap made before the cost was stored, or at a lower cost than today's. */
  isOutdated(wrapped: Buffer): boolean;
}

export function isPassphraseKeyProtector(
  protector: KeyProtector,
): protector is PassphraseKeyProtector {
  return typeof (protector as Partial<PassphraseKeyProtector>).isOutdated === 'function';
}

function unwrapWith(key: Buffer, sealed: Buffer, aad: string): Buffer {
  try {
    return open(key, sealed, aad);
  } catch (error) {
    if (error instanceof SealBrokenError) throw new AppError('vault_wrong_key');
    throw error;
  }
}

interface ParsedWrap {
  cost: ScryptCost;
  salt: Buffer;
  sealed: Buffer;
  aad: string;
}

function parseWrap(wrapped: Buffer): ParsedWrap {
  if (wrapped.length === V0_BYTES) {
    return {
      cost: LEGACY_SCRYPT_COST,
      salt: wrapped.subarray(0, SALT_BYTES),
      sealed: wrapped.subarray(SALT_BYTES),
      aad: WRAP_AAD,
    };
  }
  if (!wrapped.subarray(0, MAGIC.length).equals(MAGIC)) {
    // Not a passphrase wrap at all (another protector made it): as good as a wrong key.
    throw new AppError('vault_wrong_key');
  }
  const format = wrapped[MAGIC.length]!;
  if (format > FORMAT) {
    throw new AppError(
      'vault_newer_schema',
      'The vault key was protected by a newer Switchboard; update the app to open it. Nothing was changed.',
    );
  }
  if (format !== FORMAT || wrapped.length !== V1_HEADER_BYTES + SEALED_KEY_BYTES) {
    throw new AppError('vault_unreadable', 'The stored vault key is damaged.');
  }
  const header = wrapped.subarray(0, V1_HEADER_BYTES);
  const costAt = MAGIC.length + 1;
  return {
    cost: decodeCost(wrapped.subarray(costAt, costAt + COST_BYTES)),
    salt: wrapped.subarray(costAt + COST_BYTES, V1_HEADER_BYTES),
    sealed: wrapped.subarray(V1_HEADER_BYTES),
    aad: `switchboard:key-wrap:v2|${header.toString('hex')}`,
  };
}

const costBelow = (a: ScryptCost, b: ScryptCost) =>
  2 ** a.log2N * a.r * a.p < 2 ** b.log2N * b.r * b.p;

/**
 * Wraps the data key with a key derived from a passphrase by scrypt, storing the cost with the
 * wrap (version 1). Opens version-0 wraps (N=2^15, no header) too. Refuses a weak passphrase
 * with `passphrase_too_weak` before deriving anything. `cost` applies to new wraps only (tests
 * pass a cheap one); unwrapping always uses the cost stored with the wrap.
 */
export function passphraseKeyProtector(
  passphrase: string,
  cost: ScryptCost = SCRYPT_COST,
): PassphraseKeyProtector {
  assertPassphraseStrength(passphrase, 'The vault passphrase');
  return {
    kind: 'passphrase',
    isAvailable: async () => true,
    async wrap(dataKey) {
      const salt = randomBytes(SALT_BYTES);
      const header = Buffer.concat([MAGIC, Buffer.from([FORMAT]), encodeCost(cost), salt]);
      const aad = `switchboard:key-wrap:v2|${header.toString('hex')}`;
      return Buffer.concat([header, seal(await deriveKey(passphrase, salt, cost), dataKey, aad)]);
    },
    async unwrap(wrapped) {
      const parsed = parseWrap(wrapped);
      return unwrapWith(
        await deriveKey(passphrase, parsed.salt, parsed.cost),
        parsed.sealed,
        parsed.aad,
      );
    },
    isOutdated(wrapped) {
      try {
        return costBelow(parseWrap(wrapped).cost, cost);
      } catch {
        return false;
      }
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
    unwrap: async (wrapped) => unwrapWith(key, wrapped, WRAP_AAD),
  };
}
