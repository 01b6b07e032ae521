import type { Migration } from './migration';

export const migration0001: Migration = {
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
};
