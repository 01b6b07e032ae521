import type { Migration } from './migration';

// The alert webhook's signing secret (issue 20), sealed like every other secret: it must be
// readable to sign with, so a hash would not do. One row per purpose; rolling replaces it.
export const migration0005: Migration = {
  version: 5,
  sql: `
      CREATE TABLE signing_secrets (
        purpose TEXT PRIMARY KEY,
        secret BLOB NOT NULL,
        created_at INTEGER NOT NULL
      );
    `,
};
