import { chmodSync, closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import { assertNotNewer, migrate, readSchemaVersion } from './migrations';
import { vaultCall } from './sqlite-errors';

/** How long to wait for a lock before reporting that another Switchboard holds the vault. */
const BUSY_TIMEOUT_MS = 2_000;

/**
 * Opens (or creates) the vault database: owner-only file, WAL, foreign keys, full sync, and an
 * exclusive lock held for the life of the connection — a second Switchboard on the same data
 * folder gets `vault_busy` instead of racing this one's refreshes.
 */
export function openDatabase(path: string): Database.Database {
  return vaultCall(() => {
    closeSync(openSync(path, 'a', 0o600));
    chmodSync(path, 0o600);
    const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
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
