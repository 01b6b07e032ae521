import type Database from 'better-sqlite3';
import type { AccountUsage } from '../../../src-shared/account';
import type { PlatformId } from '../../../src-shared/platforms';

/** The rate_limits pseudo-endpoint that holds a platform's "too many posts today" answer. */
export const POSTING_CAP_ENDPOINT = 'posting_cap';
/** The usage_daily kind a published post counts under. */
export const POST_KIND = 'post';

/** What the vault knows about one account's grant (epoch ms; never a token). */
export interface GrantFacts {
  platform: PlatformId;
  /** When the stored access token (and, on rotating platforms, the refresh token) was issued. */
  issuedAt: number | null;
  accessExpiresAt: number | null;
  /** From the latest `refresh_expires_in` / `refresh_token_expires_in`, when a platform said one. */
  refreshExpiresAt: number | null;
  /** When the refresh token was last spent (Google: "unused" counts from here). */
  lastRefreshAt: number | null;
  /** The creator's last consent (connect or reconnect). */
  consentedAt: number | null;
}

/**
 * The rules a summary follows. The vault only stores and reads facts; the forecast and the caps
 * are decided above it (usage/summary-policy.ts) and handed in.
 */
export interface SummaryPolicy {
  /**
   * The platforms whose forecasts need the consent time now (it is read from the audit log only
   * for them, and not at all when none does).
   */
  consentPlatforms(): readonly PlatformId[];
  /** When the account needs the creator again, and why (epoch ms; null = no known end). */
  forecast(facts: GrantFacts): { reauthBy: number | null; reason: string | null };
  /** The daily posting cap shown for a platform, or null when it has none. */
  postCap(platform: PlatformId): number | null;
}

/** Without a policy, summaries carry facts only: no forecast, no cap. */
export const NO_SUMMARY_POLICY: SummaryPolicy = {
  consentPlatforms: () => [],
  forecast: () => ({ reauthBy: null, reason: null }),
  postCap: () => null,
};

/** What the summary adds beyond the account row: the re-auth forecast and usage. */
export interface AccountExtras {
  reauthBy: string | null;
  reauthReason: string | null;
  usage: AccountUsage;
}

interface FactRow {
  account_id: string;
  issued_at: number | null;
  access_expires_at: number | null;
  refresh_expires_at: number | null;
  consented_at?: number | null;
  posts_today: number | null;
  capped_until: number | null;
  limit_value?: number | null;
  remaining?: number | null;
  reset_at?: number | null;
  endpoint?: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// Cheap per-account lookups only (primary keys). The rate limit shown is the most recently
// observed one (the "last facts"), not the posting-cap pseudo-endpoint, read by a second query.
const FACTS_SQL = `
  SELECT a.id AS account_id, t.issued_at, t.access_expires_at, t.refresh_expires_at,
    (SELECT u.count FROM usage_daily u WHERE u.account_id = a.id AND u.day = @day AND u.kind = '${POST_KIND}') AS posts_today,
    (SELECT c.reset_at FROM rate_limits c WHERE c.account_id = a.id AND c.endpoint = '${POSTING_CAP_ENDPOINT}') AS capped_until
  FROM accounts a LEFT JOIN tokens t ON t.account_id = a.id`;
const RATE_SQL = `SELECT account_id, endpoint, limit_value, remaining, reset_at FROM rate_limits
  WHERE endpoint <> '${POSTING_CAP_ENDPOINT}'`;
// Consent is the last successful connect in the audit log (backups carry it, reconnects append
// to it), so no column is needed. Only a few forecasts need it (Google's Testing mode, whose
// grants live 7 days, so the per-account scan stays short); it is not run at all otherwise.
export const CONSENT_SQL = `SELECT l.account_id, MAX(l.at) AS at FROM audit_log l JOIN accounts a ON a.id = l.account_id
  WHERE a.platform IN (SELECT value FROM json_each(@platforms))
    AND l.action = 'connect' AND l.outcome = 'ok'`;

type RateRow = Pick<FactRow, 'account_id' | 'endpoint' | 'limit_value' | 'remaining' | 'reset_at'>;

/**
 * Reads the facts behind the forecast and usage of summaries (the policy turns them into dates),
 * with the same few statements for one account or for all, so a list of thousands costs a few scans rather than several queries per account.
 */
export function createAccountExtras(
  db: Database.Database,
  now: () => number,
  policy: SummaryPolicy = NO_SUMMARY_POLICY,
) {
  const one = db.prepare(`${FACTS_SQL} WHERE a.id = @id`);
  const all = db.prepare(FACTS_SQL);
  const rateOne = db.prepare(`${RATE_SQL} AND account_id = ? ORDER BY observed_at`);
  const rateAll = db.prepare(`${RATE_SQL} ORDER BY observed_at`);
  const consentOne = db.prepare(`${CONSENT_SQL} AND l.account_id = @id GROUP BY l.account_id`);
  const consentAll = db.prepare(`${CONSENT_SQL} GROUP BY l.account_id`);
  const day = () => new Date(now()).toISOString().slice(0, 10);

  /** Adds the latest rate limit and (when needed) the consent time to each facts row. */
  const complete = (
    rows: FactRow[],
    rates: RateRow[],
    consents: { account_id: string; at: number }[],
  ) => {
    const byId = new Map(rows.map((row) => [row.account_id, row]));
    // Ordered by observed_at, so the last one written per account is the latest.
    for (const rate of rates) {
      const row = byId.get(rate.account_id);
      if (row) Object.assign(row, rate);
    }
    for (const consent of consents) {
      const row = byId.get(consent.account_id);
      if (row) row.consented_at = consent.at;
    }
    return byId;
  };

  const toExtras = (
    row: FactRow | undefined,
    platform: PlatformId,
    lastRefreshAt: number | null,
  ): AccountExtras => {
    const forecast = policy.forecast({
      platform,
      issuedAt: row?.issued_at ?? null,
      accessExpiresAt: row?.access_expires_at ?? null,
      refreshExpiresAt: row?.refresh_expires_at ?? null,
      lastRefreshAt,
      consentedAt: row?.consented_at ?? null,
    });
    const cappedUntil = row?.capped_until ?? null;
    return {
      reauthBy: iso(forecast.reauthBy),
      reauthReason: forecast.reason,
      usage: {
        postsToday: row?.posts_today ?? 0,
        postCap: policy.postCap(platform),
        postingCappedUntil: cappedUntil !== null && cappedUntil > now() ? iso(cappedUntil) : null,
        rateLimit:
          row?.endpoint != null
            ? {
                endpoint: row.endpoint,
                limit: row.limit_value ?? null,
                remaining: row.remaining ?? null,
                resetAt: iso(row.reset_at ?? null),
              }
            : null,
      },
    };
  };

  return {
    forOne(id: string, platform: PlatformId, lastRefreshAt: number | null): AccountExtras {
      const row = one.get({ id, day: day() }) as FactRow | undefined;
      if (!row) return toExtras(undefined, platform, lastRefreshAt);
      const platforms = policy.consentPlatforms();
      const consents = platforms.length
        ? consentOne.all({ id, platforms: JSON.stringify(platforms) })
        : [];
      const byId = complete([row], rateOne.all(id) as RateRow[], consents as never);
      return toExtras(byId.get(id), platform, lastRefreshAt);
    },
    /** Extras of every account, looked up by id while building a list. */
    forAll(): (id: string, platform: PlatformId, lastRefreshAt: number | null) => AccountExtras {
      const platforms = policy.consentPlatforms();
      const consents = platforms.length
        ? consentAll.all({ platforms: JSON.stringify(platforms) })
        : [];
      const rows = complete(
        all.all({ day: day() }) as FactRow[],
        rateAll.all() as RateRow[],
        consents as never,
      );
      return (id, platform, lastRefreshAt) => toExtras(rows.get(id), platform, lastRefreshAt);
    },
  };
}

export type AccountExtrasSource = ReturnType<typeof createAccountExtras>;
