import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import type { KeyProtector } from '../host';
import { createAccountsRepo } from './accounts-repo';
import { createAuditRepo } from './audit-repo';
import { createCredentialsRepo } from './credentials-repo';
import { openDatabase } from './database';
import { KeyRing, secretContext } from './key-ring';
import { SealBrokenError } from './sealed-box';
import { toVaultError, vaultCall } from './sqlite-errors';
import { createTokensRepo } from './tokens-repo';
import { createUsageRepo } from './usage-repo';

export const VAULT_FILE = 'vault.sqlite';

export interface VaultOptions {
  dataDir: string;
  keyProtector: KeyProtector;
  now?: () => number;
}

/**
 * The encrypted token vault. Everything the core stores goes through these repositories; secrets
 * come out only through `tokens.readSecrets` and `credentials.get`.
 */
export async function openVault(options: VaultOptions) {
  const now = options.now ?? Date.now;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = openDatabase(join(options.dataDir, VAULT_FILE));
  let ring: KeyRing;
  try {
    ring = await KeyRing.load(db, options.keyProtector, now());
  } catch (error) {
    db.close();
    throw toVaultError(error);
  }
  const keyRing = () => ring;
  const audit = createAuditRepo(db, now);
  const tokens = createTokensRepo(db, keyRing, audit, now);
  const accounts = createAccountsRepo(db, tokens, audit, now);
  accounts.defaultTenant();

  return {
    db,
    accounts: withVaultErrors(accounts),
    tokens: withVaultErrors(tokens),
    credentials: withVaultErrors(createCredentialsRepo(db, keyRing, now)),
    usage: withVaultErrors(createUsageRepo(db, now)),
    audit: withVaultErrors(audit),
    get keyVersion() {
      return ring.currentVersion;
    },
    protectorKind: options.keyProtector.kind,

    /** `SELECT 1` and how long it took, in seconds: the vault's health probe. */
    ping(): number {
      const started = performance.now();
      db.prepare('SELECT 1').get();
      return (performance.now() - started) / 1000;
    },

    /**
     * Key rotation: a fresh data key becomes current, every secret is re-encrypted under it and
     * the old key is dropped — all in one transaction, so a crash leaves the old state whole.
     */
    async rotateDataKey(protector: KeyProtector = options.keyProtector): Promise<void> {
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
      ring = next.onlyCurrent();
    },

    /** Re-wraps the data key for another protector (a new passphrase, another machine's key store). */
    async rewrapKey(protector: KeyProtector): Promise<void> {
      const wrapped = await protector.wrap(ring.key(ring.currentVersion));
      db.prepare('UPDATE vault_keys SET wrapped = ?, protector = ? WHERE version = ?').run(
        wrapped,
        protector.kind,
        ring.currentVersion,
      );
    },

    /** Hands the ring to backup import, which re-encrypts under this vault's key. */
    keyRing,

    close(): void {
      if (db.open) db.close();
    },
  };
}

export type Vault = Awaited<ReturnType<typeof openVault>>;

/** Every repository call reports SQLite failures (busy, full disk, unreadable) with vault codes. */
function withVaultErrors<T extends object>(repo: T): T {
  const guarded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(repo)) {
    guarded[name] =
      typeof value === 'function'
        ? (...args: unknown[]) => vaultCall(() => value.apply(repo, args))
        : value;
  }
  return guarded as T;
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

function reencryptAll(db: Database.Database, from: KeyRing, to: KeyRing): void {
  const tokenRows = db
    .prepare('SELECT account_id, access_token, refresh_token FROM tokens')
    .all() as {
    account_id: string;
    access_token: Buffer;
    refresh_token: Buffer | null;
  }[];
  const updateToken = db.prepare(
    'UPDATE tokens SET access_token = ?, refresh_token = ? WHERE account_id = ?',
  );
  for (const row of tokenRows) {
    updateToken.run(
      reseal(from, to, row.access_token, secretContext.accessToken(row.account_id)),
      row.refresh_token
        ? reseal(from, to, row.refresh_token, secretContext.refreshToken(row.account_id))
        : null,
      row.account_id,
    );
  }
  const credentialRows = db
    .prepare(
      'SELECT platform, client_secret FROM platform_credentials WHERE client_secret IS NOT NULL',
    )
    .all() as { platform: string; client_secret: Buffer }[];
  const updateCredential = db.prepare(
    'UPDATE platform_credentials SET client_secret = ? WHERE platform = ?',
  );
  for (const row of credentialRows) {
    updateCredential.run(
      reseal(from, to, row.client_secret, secretContext.clientSecret(row.platform)),
      row.platform,
    );
  }
}
