import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { renameSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { AppError } from '../../../src-shared/errors';
import { deriveKey } from './key-protectors';
import { secretContext } from './key-ring';
import { open, seal, SealBrokenError } from './sealed-box';
import { toVaultError } from './sqlite-errors';
import type { Vault } from './vault';

const MAGIC = Buffer.from('SWITCHBOARD-BACKUP 1\n', 'utf8');
const SALT_BYTES = 16;
const CHECK_BYTES = 16;
const AAD = 'switchboard:backup:v1';

/**
 * A backup file: magic | salt | passphrase check | sealed gzip(JSON). The check (an HMAC under a
 * key derived beside the encryption key) tells a wrong passphrase from a damaged file.
 */
async function keysFor(passphrase: string, salt: Buffer) {
  const material = await deriveKey(passphrase, salt);
  const check = createHmac('sha256', material).update('check').digest().subarray(0, CHECK_BYTES);
  const key = createHmac('sha256', material).update('encrypt').digest();
  return { check, key };
}

const Row = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));
const SnapshotSchema = z.strictObject({
  format: z.literal(1),
  exportedAt: z.number(),
  tenants: z.array(Row),
  accounts: z.array(Row),
  tokens: z.array(Row),
  credentials: z.array(Row),
  usage: z.array(Row),
  rateLimits: z.array(Row),
  audit: z.array(Row),
});
type Snapshot = z.infer<typeof SnapshotSchema>;

const all = (vault: Vault, sql: string) =>
  vault.db.prepare(sql).all() as Record<string, string | number | null | Buffer>[];

/** Exports the whole vault, secrets decrypted then sealed under the passphrase. Returns counts. */
export async function exportBackup(
  vault: Vault,
  passphrase: string,
  filePath: string,
): Promise<{ accounts: number; unreadable: number }> {
  if (passphrase.length < 8)
    throw new AppError('invalid_input', 'Choose a backup passphrase of at least 8 characters.');
  const ring = vault.keyRing();
  let unreadable = 0;
  const reveal = (blob: Buffer | null, context: string): string | null => {
    if (!blob) return null;
    try {
      return ring.decrypt(blob, context);
    } catch (error) {
      if (!(error instanceof SealBrokenError)) throw error;
      unreadable += 1;
      return null;
    }
  };
  const tokens = all(vault, 'SELECT * FROM tokens').flatMap((row) => {
    const id = row.account_id as string;
    const access = reveal(row.access_token as Buffer, secretContext.accessToken(id));
    if (access === null) return [];
    return [
      {
        ...row,
        access_token: access,
        refresh_token: reveal(row.refresh_token as Buffer | null, secretContext.refreshToken(id)),
      },
    ];
  });
  const credentials = all(vault, 'SELECT * FROM platform_credentials').map((row) => ({
    ...row,
    client_secret: reveal(
      row.client_secret as Buffer | null,
      secretContext.clientSecret(row.platform as string),
    ),
  }));
  const snapshot: Snapshot = {
    format: 1,
    exportedAt: Date.now(),
    tenants: all(vault, 'SELECT * FROM tenants') as Snapshot['tenants'],
    accounts: all(vault, 'SELECT * FROM accounts') as Snapshot['accounts'],
    tokens: tokens as Snapshot['tokens'],
    credentials: credentials as Snapshot['credentials'],
    usage: all(vault, 'SELECT * FROM usage_daily') as Snapshot['usage'],
    rateLimits: all(vault, 'SELECT * FROM rate_limits') as Snapshot['rateLimits'],
    audit: all(vault, 'SELECT * FROM audit_log') as Snapshot['audit'],
  };
  const salt = randomBytes(SALT_BYTES);
  const { check, key } = await keysFor(passphrase, salt);
  const body = seal(key, gzipSync(Buffer.from(JSON.stringify(snapshot), 'utf8')), AAD);
  // Write then rename: a crash never leaves half a backup under the chosen name.
  const partial = `${filePath}.partial`;
  writeFileSync(partial, Buffer.concat([MAGIC, salt, check, body]), { mode: 0o600 });
  renameSync(partial, filePath);
  return { accounts: snapshot.accounts.length, unreadable };
}

async function readSnapshot(filePath: string, passphrase: string): Promise<Snapshot> {
  let file: Buffer;
  try {
    file = readFileSync(filePath);
  } catch (error) {
    throw new AppError('backup_damaged', 'The backup file could not be read.', { cause: error });
  }
  const header = MAGIC.length + SALT_BYTES + CHECK_BYTES;
  if (file.length <= header || !file.subarray(0, MAGIC.length).equals(MAGIC))
    throw new AppError('backup_damaged');
  const salt = file.subarray(MAGIC.length, MAGIC.length + SALT_BYTES);
  const { check, key } = await keysFor(passphrase, salt);
  if (!timingSafeEqual(check, file.subarray(MAGIC.length + SALT_BYTES, header))) {
    throw new AppError('backup_wrong_passphrase');
  }
  try {
    const json = gunzipSync(open(key, file.subarray(header), AAD)).toString('utf8');
    return SnapshotSchema.parse(JSON.parse(json));
  } catch (error) {
    throw new AppError('backup_damaged', undefined, { cause: error });
  }
}

function insertRows(vault: Vault, table: string, rows: Record<string, unknown>[]): void {
  for (const row of rows) {
    const columns = Object.keys(row);
    if (!columns.every((column) => /^[a-z_]+$/.test(column))) throw new AppError('backup_damaged');
    vault.db
      .prepare(
        `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      )
      .run(row);
  }
}

/**
 * Replaces this vault's contents with a backup's, re-encrypting every secret under this vault's
 * key, in one transaction: a wrong passphrase, a damaged file or any failure changes nothing.
 */
export async function importBackup(
  vault: Vault,
  passphrase: string,
  filePath: string,
): Promise<{ accounts: number }> {
  const snapshot = await readSnapshot(filePath, passphrase);
  const ring = vault.keyRing();
  const restore = vault.db.transaction(() => {
    for (const table of [
      'audit_log',
      'rate_limits',
      'usage_daily',
      'tokens',
      'accounts',
      'platform_credentials',
      'tenants',
    ]) {
      vault.db.prepare(`DELETE FROM ${table}`).run();
    }
    insertRows(vault, 'tenants', snapshot.tenants);
    insertRows(vault, 'accounts', snapshot.accounts);
    insertRows(
      vault,
      'tokens',
      snapshot.tokens.map((row) => {
        const id = String(row.account_id);
        return {
          ...row,
          access_token: ring.encrypt(String(row.access_token), secretContext.accessToken(id)),
          refresh_token:
            row.refresh_token === null
              ? null
              : ring.encrypt(String(row.refresh_token), secretContext.refreshToken(id)),
        };
      }),
    );
    insertRows(
      vault,
      'platform_credentials',
      snapshot.credentials.map((row) => ({
        ...row,
        client_secret:
          row.client_secret === null
            ? null
            : ring.encrypt(
                String(row.client_secret),
                secretContext.clientSecret(String(row.platform)),
              ),
      })),
    );
    insertRows(vault, 'usage_daily', snapshot.usage);
    insertRows(vault, 'rate_limits', snapshot.rateLimits);
    insertRows(vault, 'audit_log', snapshot.audit);
    vault.audit.record({
      accountId: null,
      platform: null,
      action: 'import',
      outcome: 'ok',
      detail: `${snapshot.accounts.length} accounts`,
    });
  });
  try {
    restore.immediate();
  } catch (error) {
    const mapped = toVaultError(error);
    if (mapped instanceof AppError) throw mapped;
    throw new AppError('backup_damaged', undefined, { cause: error });
  }
  return { accounts: snapshot.accounts.length };
}
