import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ProviderId } from '../../../src-shared/platforms';
import type { KeyProtector } from '../host';
import type { SummaryPolicy } from './account-extras';
import { createAccountsRepo, type PlanLimit } from './accounts-repo';
import { createAuditRepo } from './audit-repo';
import { createCredentialsRepo } from './credentials-repo';
import { openDatabaseWhenFree, truncateWal } from './database';
import { rewrapKeys, rotateDataKey, upgradeOutdatedWraps } from './key-lifecycle';
import { KeyRing } from './key-ring';
import { createSerialQueue } from './serial-queue';
import { toVaultError, vaultCall } from './sqlite-errors';
import { createTokensRepo } from './tokens-repo';
import { createUsageRepo } from './usage-repo';
import { createPendingRepo } from './pending-repo';
import { createRefreshRepo } from './refresh-repo';
import { createCommitQueue } from './commit-queue';
import { createSigningSecretsRepo } from './signing-secrets-repo';

export const VAULT_FILE = 'vault.sqlite';

export interface VaultOptions {
  dataDir: string;
  keyProtector: KeyProtector;
  now?: () => number;
  /** The forecast and caps account summaries show (decided above the vault). */
  summaryPolicy?: SummaryPolicy;
  /** The plan's limit at the moment of a connect (plans/); the Free plan's when absent. */
  planLimit?: PlanLimit;
  /** Days the audit log keeps rows (a setting; read at each hourly compaction). */
  auditRetentionDays?: () => number | null;
}

/**
 * The encrypted token vault. Everything the core stores goes through these repositories; secrets
 * come out only through `tokens.readSecrets` and `credentials.get`.
 */
export async function openVault(options: VaultOptions) {
  const now = options.now ?? Date.now;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const db = await openDatabaseWhenFree(join(options.dataDir, VAULT_FILE));
  let ring: KeyRing;
  let protector = options.keyProtector;
  try {
    ring = await KeyRing.load(db, protector, now());
    await upgradeOutdatedWraps(db, ring, protector);
  } catch (error) {
    db.close();
    throw toVaultError(error);
  }
  const keyRing = () => ring;
  const audit = createAuditRepo(db, now, undefined, options.auditRetentionDays);
  const tokens = createTokensRepo(db, keyRing, audit, now);
  const commits = createCommitQueue(db);
  const accounts = createAccountsRepo(
    db,
    tokens,
    audit,
    now,
    options.summaryPolicy,
    options.planLimit,
  );
  const credentials = createCredentialsRepo(db, keyRing, now);
  const pending = createPendingRepo(db, keyRing, now);
  accounts.defaultTenant();
  // Key operations one at a time: a re-wrap racing a rotation would wrap a key that is gone.
  const keyOperation = createSerialQueue();

  const changePassphrase = (next: KeyProtector, change: { rotateKey?: boolean } = {}) =>
    keyOperation(async () => {
      if (change.rotateKey) ring = await rotateDataKey(db, ring, next, audit, now);
      else await rewrapKeys(db, ring, next);
      protector = next;
    });

  return {
    db,
    accounts: withVaultErrors({
      ...accounts,
      /** Disconnect; the WAL is truncated so the deleted tokens do not outlive it there. */
      remove(id: string): void {
        accounts.remove(id);
        truncateWal(db);
      },
    }),
    tokens: withVaultErrors(tokens),
    /** Status machine rows, refresh plan and in-flight markers (refresh/). */
    refresh: withVaultErrors(createRefreshRepo(db, tokens, audit, now, commits)),
    credentials: withVaultErrors({
      ...credentials,
      /** The WAL is truncated so a removed client secret does not outlive it there. */
      remove(provider: ProviderId): void {
        credentials.remove(provider);
        truncateWal(db);
      },
    }),
    usage: withVaultErrors(createUsageRepo(db, now)),
    pending: withVaultErrors({
      ...pending,
      /** Tokens of a sign-in that did not become an account leave the WAL with the row. */
      remove(id: string): void {
        pending.remove(id);
        truncateWal(db);
      },
    }),
    audit: withVaultErrors(audit),
    /** The alert webhook's signing secret (sealed; shown once, when rolled). */
    signingSecrets: withVaultErrors(createSigningSecretsRepo(db, keyRing, now)),
    get keyVersion() {
      return ring.currentVersion;
    },
    /** The kind of protector the data key is wrapped with now. */
    get protectorKind() {
      return protector.kind;
    },

    /** `SELECT 1` and how long it took, in seconds: the vault's health probe. */
    ping(): number {
      const started = performance.now();
      db.prepare('SELECT 1').get();
      return (performance.now() - started) / 1000;
    },

    /**
     * Key rotation: a fresh data key becomes current, every secret is re-encrypted under it and
     * the old key is dropped, in one transaction; the WAL is truncated afterwards. Wraps the new
     * key with `next` (by default the protector in use), which stays the protector from then on.
     */
    rotateDataKey(next: KeyProtector = protector): Promise<void> {
      return changePassphrase(next, { rotateKey: true });
    },

    /**
     * Protects the data key with another protector: a new passphrase, or another machine's key
     * store. The old wrap is overwritten and the WAL truncated, so this file no longer opens
     * with the old passphrase.
     *
     * Caveat: without `rotateKey`, the data key itself stays the same. Any copy of the vault
     * file made before the change (a backup, a synced or snapshotted folder) still opens with
     * the old passphrase, and the data key it yields also decrypts every secret in this file.
     * With `rotateKey: true` the secrets are re-encrypted under a fresh key, so what an old copy
     * reveals ends with the tokens it already held; those stay valid until they expire or the
     * account is reconnected.
     */
    changePassphrase,

    /** Same as `changePassphrase(protector)`: a new wrap of the same data key. */
    rewrapKey(next: KeyProtector): Promise<void> {
      return changePassphrase(next);
    },

    /** Hands the ring to backup import, which re-encrypts under this vault's key. */
    keyRing,

    /** Group commits made and the writes they held (the refresh bench reports the share). */
    groupCommits: commits.stats,

    close(): void {
      // Writes waiting for their group commit are stored (and their callers told) first.
      if (db.open) commits.flush();
      if (db.open) db.close();
    },
  };
}

export type Vault = Awaited<ReturnType<typeof openVault>>;

/** Every repository call reports failures (busy, full disk, unreadable, a broken seal) with vault codes. */
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
