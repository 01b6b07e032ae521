import type { Migration } from './migration';

// Tool keys for the local /v1 API (tools/): only the SHA-256 of each key is kept. The audit
// log gains `tool_token` and `tool_request` (a tool's token hand-outs and proxied writes).
export const migration0004: Migration = {
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
};
