import type { Migration } from './migration';

// Tokens of a sign-in still in progress, stored the moment the platform answers (persist
// first), before the profile and tier checks that decide whether an account row follows.
export const migration0002: Migration = {
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
};
