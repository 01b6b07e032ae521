import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AccountSummary } from '../../../src-shared/account';
import { avatarKey } from '../avatar-key';
import { AppError, ERROR_CODES, type ErrorCode } from '../../../src-shared/errors';
import { limitReachedSentence } from '../../../src-shared/plans';
import { PLATFORM_IDS, providerOfAccount, type PlatformId } from '../../../src-shared/platforms';
import { accountLimit, type Tier } from '../../../src-shared/tiers';
import { createAccountExtras, type AccountExtras, type SummaryPolicy } from './account-extras';
import type { AuditRepo } from './audit-repo';
import type { TokensRepo } from './tokens-repo';
import type { AccountRow, ConnectedProfile, Tenant, TokenSet } from './types';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const knownCode = (code: string | null): ErrorCode | null =>
  code !== null && (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : null;

/** The few fields of an account a tool call is checked against. */
export type AccountBrief = Pick<
  AccountSummary,
  'id' | 'platform' | 'provider' | 'status' | 'statusReason'
>;

type SummaryRow = AccountRow & { access_expires_at: number | null; scopes: string | null };

function toSummary(row: SummaryRow, extras: AccountExtras): AccountSummary {
  return {
    id: row.id,
    platform: row.platform,
    provider: providerOfAccount(row.platform, row.page_id),
    label: row.label,
    displayName: row.display_name,
    handle: row.handle,
    avatarKey: row.avatar_url ? avatarKey(row.avatar_url) : null,
    followers: row.followers,
    status: row.status,
    statusReason: row.status_reason,
    scopes: row.scopes ? row.scopes.split(' ') : [],
    accessExpiresAt: iso(row.access_expires_at),
    lastRefreshAt: iso(row.last_refresh_at),
    lastCheckAt: iso(row.last_check_at),
    nextRefreshAt: iso(row.next_refresh_at),
    lastError: knownCode(row.last_error),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    // Named, not spread: a spread first turns 10,000 summaries into slow dictionary objects.
    reauthBy: extras.reauthBy,
    reauthReason: extras.reauthReason,
    usage: extras.usage,
  };
}

const SUMMARY_SELECT = `SELECT a.*, t.access_expires_at, t.scopes FROM accounts a LEFT JOIN tokens t ON t.account_id = a.id`;

/**
 * The plan in force and its limit for a platform. Derived by the caller from the verified licence
 * at the moment of the connect; the vault's own `tenants.tier` column is never read for it.
 */
export type PlanLimit = (platform: PlatformId) => { tier: Tier; limit: number };

/** Without a plan source (tests of the vault alone), the Free plan's limits apply. */
export const FREE_PLAN_LIMIT: PlanLimit = (platform) => ({
  tier: 'free',
  limit: accountLimit('free', platform),
});

/** Workspaces and their accounts; what leaves here toward the renderer is token-free. */
export function createAccountsRepo(
  db: Database.Database,
  tokens: TokensRepo,
  audit: AuditRepo,
  now: () => number,
  policy?: SummaryPolicy,
  planLimit: PlanLimit = FREE_PLAN_LIMIT,
) {
  const extras = createAccountExtras(db, now, policy);
  const withExtras = (rows: SummaryRow[]) => {
    const lookup = extras.forAll();
    return rows.map((row) => toSummary(row, lookup(row.id, row.platform, row.last_refresh_at)));
  };
  const defaultTenant = (): Tenant => {
    const existing = db.prepare('SELECT id, name FROM tenants WHERE is_default = 1').get() as
      Tenant | undefined;
    if (existing) return existing;
    const tenant: Tenant = { id: randomUUID(), name: 'My workspace' };
    // The tier column stays for older versions reading this file; nothing here reads it.
    db.prepare(
      "INSERT INTO tenants (id, name, tier, is_default, created_at) VALUES (?, ?, 'free', 1, ?)",
    ).run(tenant.id, tenant.name, now());
    return tenant;
  };
  const findByPlatformUser = db.prepare(
    'SELECT id FROM accounts WHERE tenant_id = ? AND platform = ? AND platform_user_id = ?',
  );
  const countOnPlatform = db.prepare(
    'SELECT COUNT(*) AS n FROM accounts WHERE tenant_id = ? AND platform = ?',
  );
  const insertAccount = db.prepare(
    `INSERT INTO accounts (id, tenant_id, platform, platform_user_id, display_name, handle, avatar_url, followers,
       account_type, channel_id, page_id, status, status_reason, created_at, updated_at)
     VALUES (@id, @tenantId, @platform, @platformUserId, @displayName, @handle, @avatarUrl, @followers,
       @accountType, @channelId, @pageId, 'healthy', NULL, @now, @now)`,
  );
  const updateProfile = db.prepare(
    `UPDATE accounts SET display_name = @displayName, handle = @handle, avatar_url = @avatarUrl, followers = @followers,
       account_type = @accountType, channel_id = @channelId, page_id = @pageId, status = 'healthy', status_reason = NULL,
       next_refresh_at = NULL, last_error = NULL, failed_attempts = 0,
       updated_at = @now WHERE id = @id`,
  );
  const selectOne = db.prepare(`${SUMMARY_SELECT} WHERE a.id = ?`);
  const selectBrief = db.prepare(
    'SELECT id, platform, page_id, status, status_reason FROM accounts WHERE id = ?',
  );
  const selectAll = db.prepare(
    `${SUMMARY_SELECT} WHERE a.tenant_id = ? ORDER BY a.platform, a.created_at`,
  );
  const selectEveryTenant = db.prepare(`${SUMMARY_SELECT} ORDER BY a.platform, a.created_at`);

  const removePending = db.prepare('DELETE FROM pending_connections WHERE id = ?');
  const setLabel = db.prepare('UPDATE accounts SET label = ?, updated_at = ? WHERE id = ?');
  const saveConnection = db.transaction(
    (tenant: Tenant, profile: ConnectedProfile, tokenSet: TokenSet, pendingId?: string) => {
      const existing = findByPlatformUser.get(
        tenant.id,
        profile.platform,
        profile.platformUserId,
      ) as { id: string } | undefined;
      const params = { ...profile, tenantId: tenant.id, now: now() };
      let id = existing?.id;
      if (id) {
        updateProfile.run({ ...params, id });
      } else {
        const { n } = countOnPlatform.get(tenant.id, profile.platform) as { n: number };
        const { tier, limit } = planLimit(profile.platform);
        if (n >= limit) {
          throw new AppError(
            'tier_limit_reached',
            limitReachedSentence(tier, limit, profile.platform),
          );
        }
        id = randomUUID();
        insertAccount.run({ ...params, id });
      }
      tokens.write(id, tokenSet);
      // The sign-in's pending copy goes in the same transaction the account takes its tokens.
      if (pendingId) removePending.run(pendingId);
      audit.record({
        accountId: id,
        platform: profile.platform,
        action: 'connect',
        outcome: 'ok',
        detail: existing ? 'reconnected' : null,
      });
      return id;
    },
  );

  const remove = db.transaction((id: string) => {
    const row = db.prepare('SELECT platform FROM accounts WHERE id = ?').get(id) as
      { platform: AccountRow['platform'] } | undefined;
    if (!row) throw new AppError('account_not_found');
    db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
    db.prepare('DELETE FROM audit_log WHERE account_id = ?').run(id);
    audit.record({ accountId: id, platform: row.platform, action: 'disconnect', outcome: 'ok' });
  });

  return {
    defaultTenant,
    /** Accounts per platform in a workspace: what the plan's limits are measured against. */
    countByPlatform(tenant: Tenant = defaultTenant()): Record<PlatformId, number> {
      const counts = Object.fromEntries(PLATFORM_IDS.map((id) => [id, 0])) as Record<
        PlatformId,
        number
      >;
      for (const id of PLATFORM_IDS)
        counts[id] = (countOnPlatform.get(tenant.id, id) as { n: number }).n;
      return counts;
    },
    /**
     * Stores a completed connect in one transaction. A reconnect of the same platform user lands
     * on the same row; a new account beyond the plan's limit (planLimit, at this moment) is refused.
     */
    saveConnection(
      profile: ConnectedProfile,
      tokenSet: TokenSet,
      tenant: Tenant = defaultTenant(),
      pendingId?: string,
    ): AccountSummary {
      const id = saveConnection.immediate(tenant, profile, tokenSet, pendingId);
      return this.get(id)!;
    },
    /** Where the account's avatar comes from (the platform's CDN URL, which stays in main). */
    avatarSource(id: string): { platform: PlatformId; url: string | null } | null {
      const row = db.prepare('SELECT platform, avatar_url FROM accounts WHERE id = ?').get(id) as
        { platform: PlatformId; avatar_url: string | null } | undefined;
      return row ? { platform: row.platform, url: row.avatar_url } : null;
    },
    /** Which platform user an account is, so a reconnect can insist on the same one. */
    platformUserId(id: string): string | null {
      const row = db.prepare('SELECT platform_user_id FROM accounts WHERE id = ?').get(id) as
        { platform_user_id: string } | undefined;
      return row?.platform_user_id ?? null;
    },
    /** Sets the creator's label (null clears it). */
    rename(id: string, label: string | null): AccountSummary {
      if (setLabel.run(label, now(), id).changes === 0) throw new AppError('account_not_found');
      return this.get(id)!;
    },
    get(id: string): AccountSummary | null {
      const row = selectOne.get(id) as SummaryRow | undefined;
      return row ? toSummary(row, extras.forOne(row.id, row.platform, row.last_refresh_at)) : null;
    },
    /** What a proxied call needs (who, which platform, whether usable): one row, no extras. */
    brief(id: string): AccountBrief | null {
      const row = selectBrief.get(id) as
        Pick<AccountRow, 'id' | 'platform' | 'page_id' | 'status' | 'status_reason'> | undefined;
      if (!row) return null;
      return {
        id: row.id,
        platform: row.platform,
        provider: providerOfAccount(row.platform, row.page_id),
        status: row.status,
        statusReason: row.status_reason,
      };
    },
    list(tenant: Tenant = defaultTenant()): AccountSummary[] {
      return withExtras(selectAll.all(tenant.id) as SummaryRow[]);
    },
    /** Every account of every workspace, for health checks that watch them all. */
    listAll(): AccountSummary[] {
      return withExtras(selectEveryTenant.all() as SummaryRow[]);
    },
    /** Deletes the account with its tokens, usage and audit rows, leaving one `disconnect` entry. */
    remove(id: string): void {
      remove.immediate(id);
    },
  };
}

export type AccountsRepo = ReturnType<typeof createAccountsRepo>;
