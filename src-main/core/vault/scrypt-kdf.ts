import { scrypt as scryptCallback } from 'node:crypto';
import { AppError } from '../../../src-shared/errors';

/** scrypt's cost: N = 2^log2N, block size r, parallelism p. Stored beside what it protects. */
export interface ScryptCost {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

/**
 * OWASP's minimum for scrypt (N=2^17, r=8, p=1): 128 MiB and ~0.4 s per derivation on a 2-core
 * build machine. Stored with each wrap, so it can be raised later without locking anyone out.
 */
export const SCRYPT_COST: ScryptCost = { log2N: 17, r: 8, p: 1 };

/** What wraps and backups used before the cost was stored with them (N=2^15). */
export const LEGACY_SCRYPT_COST: ScryptCost = { log2N: 15, r: 8, p: 1 };

/** The encoded cost: log2N, r, p, one byte each. */
export const COST_BYTES = 3;

// A cost read from a file is bounded: a damaged or hostile file must not make the app allocate
// gigabytes (the memory scrypt needs is 128 * N * r * p bytes).
const MAX_MEMORY_BYTES = 1024 * 1024 * 1024;
const MIN_LOG2N = 10;

const memoryOf = (cost: ScryptCost) => 128 * 2 ** cost.log2N * cost.r * cost.p;

export function encodeCost(cost: ScryptCost): Buffer {
  return Buffer.from([cost.log2N, cost.r, cost.p]);
}

/** Reads a stored cost; out-of-bounds values are refused as an unreadable file. */
export function decodeCost(bytes: Buffer): ScryptCost {
  const cost = { log2N: bytes[0] ?? 0, r: bytes[1] ?? 0, p: bytes[2] ?? 0 };
  if (
    bytes.length !== COST_BYTES ||
    cost.log2N < MIN_LOG2N ||
    cost.r < 1 ||
    cost.p < 1 ||
    memoryOf(cost) > MAX_MEMORY_BYTES
  ) {
    throw new AppError('vault_unreadable', 'A stored key-derivation setting is out of range.');
  }
  return cost;
}

/** Derives 32 bytes from a passphrase (NFKC-normalised, so the same words typed anywhere match). */
export function deriveKey(passphrase: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const options = {
    N: 2 ** cost.log2N,
    r: cost.r,
    p: cost.p,
    // Node refuses anything above 32 MiB unless told; allow what this cost needs, with headroom.
    maxmem: 2 * memoryOf(cost),
  };
  return new Promise((resolvePromise, reject) =>
    scryptCallback(passphrase.normalize('NFKC'), salt, 32, options, (error, key) =>
      error ? reject(error) : resolvePromise(key),
    ),
  );
}
