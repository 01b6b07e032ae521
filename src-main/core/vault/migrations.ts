import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';

/**
 * Numbered, append-only migrations. Never edit a released one: add the next number. Each runs
 * in the same transaction as the schema_version bump, so a crash leaves the old version intact.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE tenants (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        tier TEXT NOT NULL CHECK (tier IN ('free', 'creator', 'pro', 'agency')),
        is_default INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE vault_keys (
        version INTEGER PRIMARY KEY,
        wrapped BLOB NOT NULL,
        protector TEXT NOT NULL,
        is_current INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        tenant_id TEXT NOT NULL REFERENCES tenants(id) ON DELETE CASCADE,
        platform TEXT NOT NULL CHECK (platform IN ('youtube', 'instagram', 'tiktok', 'x')),
        platform_user_id TEXT NOT NULL,
        label TEXT,
        display_name TEXT NOT NULL,
        handle TEXT,
        avatar_url TEXT,
        followers INTEGER,
        account_type TEXT,
        channel_id TEXT,
        page_id TEXT,
        status TEXT NOT NULL,
        status_reason TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        last_refresh_at INTEGER,
        last_check_at INTEGER,
        UNIQUE (tenant_id, platform, platform_user_id)
      );
      CREATE TABLE tokens (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        access_token BLOB NOT NULL,
        refresh_token BLOB,
        scopes TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        access_expires_at INTEGER,
        refresh_expires_at INTEGER,
        generation INTEGER NOT NULL DEFAULT 1
      );
      CREATE INDEX tokens_by_access_expiry ON tokens (access_expires_at);
      CREATE TABLE platform_credentials (
        platform TEXT PRIMARY KEY,
        client_id TEXT NOT NULL,
        client_secret BLOB,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE usage_daily (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        day TEXT NOT NULL,
        kind TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (account_id, day, kind)
      );
      CREATE TABLE rate_limits (
        account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        endpoint TEXT NOT NULL,
        limit_value INTEGER,
        remaining INTEGER,
        reset_at INTEGER,
        observed_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, endpoint)
      );
      -- No foreign key: the one 'disconnect' entry outlives the account it describes.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id TEXT,
        platform TEXT,
        action TEXT NOT NULL CHECK (action IN
          ('connect', 'refresh', 'rotate', 'check', 'revoke', 'disconnect', 'error', 'key_rotation', 'import')),
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
        detail TEXT,
        at INTEGER NOT NULL
      );
      CREATE INDEX audit_by_account ON audit_log (account_id, at);
    `,
  },
  {
    // Tokens of a sign-in still in progress, stored the moment the platform answers (persist
    // first), before the profile and tier checks that decide whether an account row follows.
    version: 2,
    sql: `
      CREATE TABLE pending_connections (
        id TEXT PRIMARY KEY,
        provider TEXT NOT NULL,
        access_token BLOB NOT NULL,
        refresh_token BLOB,
        scopes TEXT NOT NULL,
        issued_at INTEGER NOT NULL,
        access_expires_at INTEGER,
        refresh_expires_at INTEGER,
        created_at INTEGER NOT NULL
      );
    `,
  },
  {
    // Keeping accounts alive: the status machine's names, the refresh plan, the last error, and
    // the in-flight marker a crash leaves behind (a short fingerprint of the refresh token being
    // spent, never the token). The audit log gains the `transition` action (CHECK needs a rebuild).
    version: 3,
    sql: `
      UPDATE accounts SET status = CASE status
        WHEN 'active' THEN 'healthy'
        WHEN 'suspended' THEN 'account_problem'
        WHEN 'not_eligible' THEN 'account_problem'
        ELSE status END;
      ALTER TABLE accounts ADD COLUMN next_refresh_at INTEGER;
      ALTER TABLE accounts ADD COLUMN last_error TEXT;
      ALTER TABLE accounts ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX accounts_by_next_refresh ON accounts (next_refresh_at);
      CREATE TABLE refresh_in_flight (
        account_id TEXT PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        generation INTEGER NOT NULL,
        started_at INTEGER NOT NULL
      );
      CREATE TABLE audit_log_v3 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id TEXT,
        platform TEXT,
        action TEXT NOT NULL CHECK (action IN
          ('connect', 'refresh', 'rotate', 'check', 'revoke', 'disconnect', 'error', 'key_rotation', 'import', 'transition')),
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
        detail TEXT,
        at INTEGER NOT NULL
      );
      INSERT INTO audit_log_v3 SELECT * FROM audit_log;
      DROP TABLE audit_log;
      ALTER TABLE audit_log_v3 RENAME TO audit_log;
      CREATE INDEX audit_by_account ON audit_log (account_id, at);
    `,
  },
  {
    // Tool keys for the local /v1 API (tools/): only the SHA-256 of each key is kept. The audit
    // log gains `tool_token` and `tool_request` (a tool's token hand-outs and proxied writes).
    version: 4,
    sql: `
      CREATE TABLE tool_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        key_hash TEXT NOT NULL UNIQUE,
        hint TEXT NOT NULL,
        account_ids TEXT,
        rights TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER,
        revoked_at INTEGER
      );
      CREATE TABLE audit_log_v4 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account_id TEXT,
        platform TEXT,
        action TEXT NOT NULL CHECK (action IN
          ('connect', 'refresh', 'rotate', 'check', 'revoke', 'disconnect', 'error', 'key_rotation', 'import', 'transition',
           'tool_token', 'tool_request')),
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'failed')),
        detail TEXT,
        at INTEGER NOT NULL
      );
      INSERT INTO audit_log_v4 SELECT * FROM audit_log;
      DROP TABLE audit_log;
      ALTER TABLE audit_log_v4 RENAME TO audit_log;
      CREATE INDEX audit_by_account ON audit_log (account_id, at);
    `,
  },
  {
    // The alert webhook's signing secret (issue 20), sealed like every other secret: it must be
    // readable to sign with, so a hash would not do. One row per purpose; rolling replaces it.
    version: 5,
    sql: `
      CREATE TABLE signing_secrets (
        purpose TEXT PRIMARY KEY,
        secret BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

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
