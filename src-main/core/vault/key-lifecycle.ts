import type Database from 'better-sqlite3';
import type { KeyProtector } from '../host';
import type { AuditRepo } from './audit-repo';
import { truncateWal } from './database';
import { isPassphraseKeyProtector } from './key-protectors';
import { secretContext, type KeyRing } from './key-ring';
import { SealBrokenError } from './sealed-box';

interface StoredKey {
  version: number;
  wrapped: Buffer;
}

const storedKeys = (db: Database.Database) =>
  db.prepare('SELECT version, wrapped FROM vault_keys ORDER BY version').all() as StoredKey[];

/**
 * Key rotation: a fresh data key becomes current, every secret is re-encrypted under it and the
 * old key is dropped — all in one transaction, so a crash leaves the old state whole. Then the
 * WAL is truncated: it would otherwise keep every old ciphertext and the old wrapped key.
 * Returns the ring to use from now on.
 */
export async function rotateDataKey(
  db: Database.Database,
  ring: KeyRing,
  protector: KeyProtector,
  audit: AuditRepo,
  now: () => number,
): Promise<KeyRing> {
  const { ring: next, version, key } = ring.withFreshKey();
  const wrapped = await protector.wrap(key);
  db.transaction(() => {
    reencryptAll(db, ring, next);
    db.prepare('DELETE FROM vault_keys').run();
    db.prepare(
      'INSERT INTO vault_keys (version, wrapped, protector, is_current, created_at) VALUES (?, ?, ?, 1, ?)',
    ).run(version, wrapped, protector.kind, now());
    audit.record({
      accountId: null,
      platform: null,
      action: 'key_rotation',
      outcome: 'ok',
      detail: `key version ${version}`,
    });
  }).immediate();
  truncateWal(db);
  return next.onlyCurrent();
}

/**
 * Wraps every stored data key anew with `protector` (same keys, new wrapping) in one
 * transaction, then truncates the WAL so the wraps under the old protector are gone from it.
 */
export async function rewrapKeys(
  db: Database.Database,
  ring: KeyRing,
  protector: KeyProtector,
): Promise<void> {
  const versions = storedKeys(db).map((row) => row.version);
  const wraps = await Promise.all(versions.map((version) => protector.wrap(ring.key(version))));
  const update = db.prepare('UPDATE vault_keys SET wrapped = ?, protector = ? WHERE version = ?');
  db.transaction(() => {
    versions.forEach((version, index) => update.run(wraps[index], protector.kind, version));
  }).immediate();
  truncateWal(db);
}

/**
 * A vault unlocked by a passphrase whose wrap predates today's scrypt cost (version 0, N=2^15)
 * is re-wrapped at today's cost, once, right after it opened. Returns whether it did.
 */
export async function upgradeOutdatedWraps(
  db: Database.Database,
  ring: KeyRing,
  protector: KeyProtector,
): Promise<boolean> {
  if (!isPassphraseKeyProtector(protector)) return false;
  if (!storedKeys(db).some((row) => protector.isOutdated(row.wrapped))) return false;
  await rewrapKeys(db, ring, protector);
  return true;
}

/** Re-encrypts one blob; one that already fails its check stays as it is (its account is vault_error). */
function reseal(from: KeyRing, to: KeyRing, blob: Buffer, context: string): Buffer {
  try {
    return to.encrypt(from.decrypt(blob, context), context);
  } catch (error) {
    if (error instanceof SealBrokenError) return blob;
    throw error;
  }
}

/** One table's sealed columns: how to find its rows and which context seals each column. */
interface SealedTable {
  table: string;
  key: string;
  columns: Record<string, (id: string) => string>;
}

// Every sealed column of the vault: a key rotation re-encrypts exactly these.
const SEALED: readonly SealedTable[] = [
  {
    table: 'tokens',
    key: 'account_id',
    columns: { access_token: secretContext.accessToken, refresh_token: secretContext.refreshToken },
  },
  {
    table: 'platform_credentials',
    key: 'platform',
    columns: { client_secret: secretContext.clientSecret },
  },
  {
    // A sign-in may be mid-way: its pending tokens must still open after the rotation.
    table: 'pending_connections',
    key: 'id',
    columns: {
      access_token: secretContext.pendingAccessToken,
      refresh_token: secretContext.pendingRefreshToken,
    },
  },
  {
    // The webhook signing secret: receivers hold a copy, so it must survive a rotation intact.
    table: 'signing_secrets',
    key: 'purpose',
    columns: { secret: secretContext.signingSecret },
  },
];

function reencryptAll(db: Database.Database, from: KeyRing, to: KeyRing): void {
  for (const { table, key, columns } of SEALED) {
    const names = Object.keys(columns);
    const rows = db
      .prepare(`SELECT ${key} AS id, ${names.join(', ')} FROM ${table}`)
      .all() as Record<string, Buffer | string | null>[];
    const update = db.prepare(
      `UPDATE ${table} SET ${names.map((name) => `${name} = ?`).join(', ')} WHERE ${key} = ?`,
    );
    for (const row of rows) {
      const id = row.id as string;
      const resealed = names.map((name) => {
        const blob = row[name] as Buffer | null;
        return blob ? reseal(from, to, blob, columns[name]!(id)) : null;
      });
      update.run(...resealed, id);
    }
  }
}
