import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../src-shared/errors';
import { open, seal } from './sealed-box';
import {
  COST_BYTES,
  decodeCost,
  deriveKey,
  encodeCost,
  LEGACY_SCRYPT_COST,
  SCRYPT_COST,
  type ScryptCost,
} from './scrypt-kdf';

const MAGIC_V1 = Buffer.from('SWITCHBOARD-BACKUP 1\n', 'utf8');
const MAGIC_V2 = Buffer.from('SWITCHBOARD-BACKUP 2\n', 'utf8');
const SALT_BYTES = 16;
const CHECK_BYTES = 16;

/**
 * The most a backup's body may unpack to (its JSON). Measured: the largest plan's vault (200
 * accounts), a year of daily usage for each and 100,000 audit entries is 27.6 MB of JSON (2.8 MB
 * in the file). 256 MiB is nine times that, yet keeps a decompression bomb's cost to one buffer
 * of that size instead of whatever the attacker packed (700 MiB in 697 KiB).
 */
export const MAX_BACKUP_JSON_BYTES = 256 * 1024 * 1024;
// gzip never grows its input by more than a few bytes per 16 KiB block, so a file larger than
// this cannot hold an acceptable body; refuse it before reading it into memory.
const MAX_BACKUP_FILE_BYTES = MAX_BACKUP_JSON_BYTES + 1024 * 1024;

/**
 * A backup file. Version 2: magic | scrypt cost | salt | passphrase check | sealed body, the
 * header bound to the body as associated data. Version 1 (read only): magic | salt | check |
 * body, at the old cost (N=2^15). The check (an HMAC under a key derived beside the encryption
 * key) tells a wrong passphrase from a damaged file.
 */
async function keysFor(passphrase: string, salt: Buffer, cost: ScryptCost) {
  const material = await deriveKey(passphrase, salt, cost);
  const check = createHmac('sha256', material).update('check').digest().subarray(0, CHECK_BYTES);
  const key = createHmac('sha256', material).update('encrypt').digest();
  return { check, key };
}

const aadV2 = (header: Buffer) => `switchboard:backup:v2|${header.toString('hex')}`;

/** Seals `body` under the passphrase (version 2, today's scrypt cost). */
export async function sealBackup(passphrase: string, body: Buffer): Promise<Buffer> {
  const salt = randomBytes(SALT_BYTES);
  const header = Buffer.concat([MAGIC_V2, encodeCost(SCRYPT_COST), salt]);
  const { check, key } = await keysFor(passphrase, salt, SCRYPT_COST);
  return Buffer.concat([header, check, seal(key, body, aadV2(header))]);
}

/** Opens a backup file's body: `backup_wrong_passphrase` or `backup_damaged` when it cannot. */
export async function openBackup(file: Buffer, passphrase: string): Promise<Buffer> {
  const v2 = file.subarray(0, MAGIC_V2.length).equals(MAGIC_V2);
  if (!v2 && !file.subarray(0, MAGIC_V1.length).equals(MAGIC_V1))
    throw new AppError('backup_damaged');
  const costBytes = v2 ? COST_BYTES : 0;
  const saltAt = MAGIC_V1.length + costBytes;
  const headerEnd = saltAt + SALT_BYTES;
  if (file.length <= headerEnd + CHECK_BYTES) throw new AppError('backup_damaged');
  let cost: ScryptCost;
  try {
    cost = v2 ? decodeCost(file.subarray(MAGIC_V2.length, saltAt)) : LEGACY_SCRYPT_COST;
  } catch (error) {
    throw new AppError('backup_damaged', undefined, { cause: error });
  }
  const { check, key } = await keysFor(passphrase, file.subarray(saltAt, headerEnd), cost);
  if (!timingSafeEqual(check, file.subarray(headerEnd, headerEnd + CHECK_BYTES))) {
    throw new AppError('backup_wrong_passphrase');
  }
  try {
    const aad = v2 ? aadV2(file.subarray(0, headerEnd)) : 'switchboard:backup:v1';
    return open(key, file.subarray(headerEnd + CHECK_BYTES), aad);
  } catch (error) {
    throw new AppError('backup_damaged', undefined, { cause: error });
  }
}

export function readBackupFile(filePath: string): Buffer {
  try {
    if (statSync(filePath).size > MAX_BACKUP_FILE_BYTES) throw new AppError('backup_too_large');
    return readFileSync(filePath);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('backup_damaged', 'The backup file could not be read.', { cause: error });
  }
}

/**
 * Writes `bytes` to `filePath` so that a crash leaves the old file or the whole new one: a
 * temporary file with a random name beside it, created exclusively (never through an existing
 * file or symlink) and owner-only, flushed to disk, renamed over the target, then the folder
 * flushed so the rename itself survives a power cut.
 */
export function writeFileDurably(filePath: string, bytes: Buffer): void {
  const folder = dirname(filePath);
  const temporary = join(folder, `.${basename(filePath)}.${randomBytes(8).toString('hex')}.tmp`);
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    try {
      writeFileSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, filePath);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  syncFolder(folder);
}

function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some systems (Windows) cannot open or flush a folder; the file itself is already flushed.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
