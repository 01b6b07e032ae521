import type { Migration } from './migration';

// Keeping accounts alive: the status machine's names, the refresh plan, the last error, and
// the in-flight marker a crash leaves behind (a short fingerprint of the refresh token being
// spent, never the token). The audit log gains the `transition` action (CHECK needs a rebuild).
export const migration0003: Migration = {
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
};
