import { chmodSync, closeSync, openSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { isAppError } from '../../../src-shared/errors';
import { assertNotNewer, migrate, readSchemaVersion } from './migrations/runner';
import { vaultCall } from './sqlite-errors';

/** How long to wait for a lock before reporting that another Switchboard holds the vault. */
const LOCK_WAIT_MS = 2_000;
const LOCK_RETRY_MS = 50;

/**
 * After a checkpoint the WAL file is cut back to this size, so it neither grows without bound nor
 * keeps a long tail of old page versions (old ciphertexts among them).
 */
export const WAL_SIZE_LIMIT_BYTES = 1024 * 1024;

/**
 * Opens (or creates) the vault database: owner-only file, WAL, foreign keys, full sync, and an
 * exclusive lock held for the life of the connection — a second Switchboard on the same data
 * folder gets `vault_busy` instead of racing this one's refreshes. Never waits for a lock:
 * better-sqlite3 would wait synchronously, freezing the event loop (see openDatabaseWhenFree).
 */
export function openDatabase(path: string): Database.Database {
  return vaultCall(() => {
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
    const db = new Database(path, { timeout: 0 });
    try {
      // Exclusive before WAL: the WAL index then lives in memory, with no shared-memory file.
      db.pragma('locking_mode = EXCLUSIVE');
      // Checked before anything writes, so a vault from a newer app is refused untouched.
      assertNotNewer(readSchemaVersion(db));
      db.pragma('journal_mode = WAL');
      // A committed rotation must survive a power cut: X and TikTok refresh tokens are single-use.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      // Zero freed pages, so an old ciphertext does not linger in the file after an update.
      db.pragma('secure_delete = ON');
      db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
      // Take the write lock now: a second instance fails here, not in the middle of a refresh.
      db.exec('BEGIN IMMEDIATE; COMMIT');
      migrate(db);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  });
}

/** Opens the database, retrying a held lock for up to 2 s without blocking the event loop. */
export async function openDatabaseWhenFree(path: string): Promise<Database.Database> {
  const deadline = performance.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      return openDatabase(path);
    } catch (error) {
      const busy = isAppError(error) && error.code === 'vault_busy';
      if (!busy || performance.now() >= deadline) throw error;
      await sleep(LOCK_RETRY_MS);
    }
  }
}

/**
 * Copies the WAL into the database file and truncates the WAL to nothing. Until then it keeps
 * the old versions of every page an operation changed — a deleted token, the ciphertexts under a
 * retired key, the key wrapped under an old passphrase — readable after a crash. Called after
 * each operation that retires a secret.
 */
export function truncateWal(db: Database.Database): void {
  vaultCall(() => db.pragma('wal_checkpoint(TRUNCATE)'));
}
