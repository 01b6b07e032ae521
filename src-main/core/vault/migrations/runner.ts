import type Database from 'better-sqlite3';
import { AppError } from '../../../../src-shared/errors';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './index';

/** Reads the schema version without writing anything (0 for an empty database). */
export function readSchemaVersion(db: Database.Database): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (!table) return 0;
  const row = db.prepare('SELECT version FROM schema_version').get() as
    { version: number } | undefined;
  return row?.version ?? 0;
}

/** Refuses a database from a newer app before anything touches it. */
export function assertNotNewer(version: number): void {
  if (version > LATEST_SCHEMA_VERSION) {
    throw new AppError(
      'vault_newer_schema',
      `This data folder was written by a newer Switchboard (vault schema ${version}; this app knows up to ${LATEST_SCHEMA_VERSION}). Update the app to open it. Nothing was changed.`,
    );
  }
}

/**
 * Brings the database to LATEST_SCHEMA_VERSION. Every pending migration and the schema_version
 * bump run in one transaction, so a crash leaves the old version intact.
 */
export function migrate(db: Database.Database): void {
  // Up to date: write nothing (re-opening must leave the file as it was).
  if (readSchemaVersion(db) === LATEST_SCHEMA_VERSION) return;
  const apply = db.transaction(() => {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const current = readSchemaVersion(db);
    assertNotNewer(current);
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
    }
    if (current === 0)
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(LATEST_SCHEMA_VERSION);
    else db.prepare('UPDATE schema_version SET version = ?').run(LATEST_SCHEMA_VERSION);
  });
  apply.immediate();
}
