import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { AppError, isAppError } from '../../../src-shared/errors';
import {
  MAX_BACKUP_JSON_BYTES,
  openBackup,
  readBackupFile,
  sealBackup,
  writeFileDurably,
} from './backup-file';
import { truncateWal } from './database';
import { secretContext } from './key-ring';
import { assertPassphraseStrength } from './passphrase-policy';
import { SealBrokenError } from './sealed-box';
import { toVaultError } from './sqlite-errors';
import type { Vault } from './vault';

/** Why an account restored from a backup has no usable tokens. */
export const UNREADABLE_IN_BACKUP_REASON =
  'A stored token failed its integrity check before this backup was made; reconnect this account.';

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
type SnapshotRow = Snapshot['tokens'][number];

const all = (vault: Vault, sql: string) =>
  vault.db.prepare(sql).all() as Record<string, string | number | null | Buffer>[];

/** Limits a test may lower; the defaults are the format's. */
export interface BackupLimits {
  maxJsonBytes?: number;
}

/**
 * Exports the whole vault, secrets decrypted then sealed under the passphrase. A token row that
 * fails its check travels as what it is: no secrets, its account `vault_error` with the reason,
 * so the restored account never looks healthy. Returns counts.
 */
export async function exportBackup(
  vault: Vault,
  passphrase: string,
  filePath: string,
  { maxJsonBytes = MAX_BACKUP_JSON_BYTES }: BackupLimits = {},
): Promise<{ accounts: number; unreadable: number }> {
  assertPassphraseStrength(passphrase, 'The backup passphrase');
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
  const broken = new Set<string>();
  const tokens = all(vault, 'SELECT * FROM tokens').map((row) => {
    const id = row.account_id as string;
    const access = reveal(row.access_token as Buffer, secretContext.accessToken(id));
    const refresh = reveal(row.refresh_token as Buffer | null, secretContext.refreshToken(id));
    // One bad field spoils the pair: an access token without its refresh token would look fine
    // until the first refresh.
    const whole = access !== null && (refresh !== null || row.refresh_token === null);
    if (!whole) broken.add(id);
    return whole
      ? { ...row, access_token: access, refresh_token: refresh }
      : { ...row, access_token: null, refresh_token: null };
  });
  const accounts = all(vault, 'SELECT * FROM accounts').map((row) =>
    broken.has(row.id as string)
      ? { ...row, status: 'vault_error', status_reason: UNREADABLE_IN_BACKUP_REASON }
      : row,
  );
  const credentials = all(vault, 'SELECT * FROM platform_credentials').map((row) => ({
    ...row,
    // A secret that no longer opens is left out: Settings then asks for it again.
    client_secret: reveal(
      row.client_secret as Buffer | null,
      secretContext.clientSecret(row.platform as string),
    ),
  }));
  const snapshot: Snapshot = {
    format: 1,
    exportedAt: Date.now(),
    tenants: all(vault, 'SELECT * FROM tenants') as SnapshotRow[],
    accounts: accounts as SnapshotRow[],
    tokens: tokens as SnapshotRow[],
    credentials: credentials as SnapshotRow[],
    usage: all(vault, 'SELECT * FROM usage_daily') as SnapshotRow[],
    rateLimits: all(vault, 'SELECT * FROM rate_limits') as SnapshotRow[],
    audit: all(vault, 'SELECT * FROM audit_log') as SnapshotRow[],
  };
  const json = Buffer.from(JSON.stringify(snapshot), 'utf8');
  // Never write a backup that import would refuse: say so now, while the vault is still here.
  if (json.length > maxJsonBytes) {
    throw new AppError(
      'backup_too_large',
      'The vault holds more data than one backup may carry (256 MiB unpacked); nothing was written.',
    );
  }
  writeFileDurably(filePath, await sealBackup(passphrase, gzipSync(json)));
  return { accounts: snapshot.accounts.length, unreadable };
}

/** Unpacks a body, stopping at the limit: a small file must not unpack to gigabytes. */
function unpack(body: Buffer): Buffer {
  try {
    return gunzipSync(body, { maxOutputLength: MAX_BACKUP_JSON_BYTES });
  } catch (error) {
    const tooLarge = (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
    throw new AppError(tooLarge ? 'backup_too_large' : 'backup_damaged', undefined, {
      cause: error,
    });
  }
}

async function readSnapshot(filePath: string, passphrase: string): Promise<Snapshot> {
  const json = unpack(await openBackup(readBackupFile(filePath), passphrase));
  try {
    return SnapshotSchema.parse(JSON.parse(json.toString('utf8')));
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

const VERIFY_REASON = 'Restored from a backup; Switchboard checks once that its tokens still work.';

// An empty ciphertext never opens: a token that was unreadable in the backup stays unreadable
// (its account is already vault_error), instead of vanishing or becoming the text "null".
const UNREADABLE = Buffer.alloc(0);

/**
 * Replaces this vault's contents with a backup's, re-encrypting every secret under this vault's
 * key, in one transaction: a wrong passphrase, a damaged file or any failure changes nothing.
 * The WAL is truncated afterwards, so the replaced secrets do not linger there.
 */
export async function importBackup(
  vault: Vault,
  passphrase: string,
  filePath: string,
): Promise<{ accounts: number }> {
  const snapshot = await readSnapshot(filePath, passphrase);
  const ring = vault.keyRing();
  const seal = (value: string | number | null, context: string) =>
    value === null ? null : ring.encrypt(String(value), context);
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
    // A restored rotating refresh token may already be spent: verify once before trusting it.
    // Backups from before the status machine carry its old names.
    vault.db.exec(`
      UPDATE accounts SET status = CASE status WHEN 'active' THEN 'healthy'
        WHEN 'suspended' THEN 'account_problem' WHEN 'not_eligible' THEN 'account_problem'
        ELSE status END;
      UPDATE accounts SET status = 'verify', status_reason = '${VERIFY_REASON}', next_refresh_at = NULL
        WHERE platform IN ('x', 'tiktok') AND status NOT IN ('needs_reauth', 'vault_error');
    `);
    insertRows(
      vault,
      'tokens',
      snapshot.tokens.map((row) => {
        const id = String(row.account_id);
        return {
          ...row,
          access_token: seal(row.access_token ?? null, secretContext.accessToken(id)) ?? UNREADABLE,
          refresh_token: seal(row.refresh_token ?? null, secretContext.refreshToken(id)),
        };
      }),
    );
    insertRows(
      vault,
      'platform_credentials',
      snapshot.credentials.map((row) => ({
        ...row,
        client_secret: seal(
          row.client_secret ?? null,
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
    if (isAppError(error)) throw error;
    const mapped = toVaultError(error);
    // A locked or full vault is the vault's state; anything else means rows the backup
    // should not contain.
    if (isAppError(mapped) && (mapped.code === 'vault_busy' || mapped.code === 'vault_disk_full'))
      throw mapped;
    throw new AppError('backup_damaged', undefined, { cause: error });
  }
  truncateWal(vault.db);
  return { accounts: snapshot.accounts.length };
}
