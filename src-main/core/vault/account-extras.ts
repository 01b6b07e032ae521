import type Database from 'better-sqlite3';
import type { AccountUsage } from '../../../src-shared/account';
import type { PlatformId } from '../../../src-shared/platforms';
import { DEFAULT_SETTINGS } from '../../../src-shared/settings';
import { forecastReauth } from '../refresh/reauth-forecast';

/** The rate_limits pseudo-endpoint that holds a platform's "too many posts today" answer. */
export const POSTING_CAP_ENDPOINT = 'posting_cap';
/** The usage_daily kind a published post counts under. */
export const POST_KIND = 'post';

/** Settings the summary's forecast and usage depend on. */
export interface SummaryPolicy {
  tiktokDailyPostCap: number;
  googleTestingMode: boolean;
}

export const DEFAULT_SUMMARY_POLICY: SummaryPolicy = {
  tiktokDailyPostCap: DEFAULT_SETTINGS.tiktokDailyPostCap,
  googleTestingMode: DEFAULT_SETTINGS.googleTestingMode,
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
  consented_at: number | null;
  posts_today: number | null;
  capped_until: number | null;
  limit_value: number | null;
  remaining: number | null;
  reset_at: number | null;
  endpoint: string | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

// One row per account. Consent is the last successful connect in the audit log, which backups
// carry and reconnects append to, so no extra column is needed. The rate limit shown is the most
// recently observed one (the "last facts"), not the posting-cap pseudo-endpoint.
const FACTS_SQL = `
  SELECT a.id AS account_id, t.issued_at, t.access_expires_at, t.refresh_expires_at,
    (SELECT MAX(l.at) FROM audit_log l WHERE l.account_id = a.id AND l.action = 'connect' AND l.outcome = 'ok') AS consented_at,
    (SELECT u.count FROM usage_daily u WHERE u.account_id = a.id AND u.day = @day AND u.kind = '${POST_KIND}') AS posts_today,
    (SELECT c.reset_at FROM rate_limits c WHERE c.account_id = a.id AND c.endpoint = '${POSTING_CAP_ENDPOINT}') AS capped_until,
    r.limit_value, r.remaining, r.reset_at, r.endpoint
  FROM accounts a LEFT JOIN tokens t ON t.account_id = a.id
  LEFT JOIN rate_limits r ON r.rowid = (
    SELECT r2.rowid FROM rate_limits r2 WHERE r2.account_id = a.id AND r2.endpoint <> '${POSTING_CAP_ENDPOINT}'
    ORDER BY r2.observed_at DESC LIMIT 1)`;

/**
 * Computes the forecast and usage for summaries, in one query for one account or for all, so a
 * list of thousands costs one statement rather than several per account.
 */
export function createAccountExtras(
  db: Database.Database,
  now: () => number,
  policy: () => SummaryPolicy = () => DEFAULT_SUMMARY_POLICY,
) {
  const one = db.prepare(`${FACTS_SQL} WHERE a.id = @id`);
  const all = db.prepare(FACTS_SQL);
  const day = () => new Date(now()).toISOString().slice(0, 10);

  const toExtras = (
    row: FactRow | undefined,
    platform: PlatformId,
    lastRefreshAt: number | null,
  ): AccountExtras => {
    const rules = policy();
    const forecast = forecastReauth(
      {
        platform,
        issuedAt: row?.issued_at ?? null,
        accessExpiresAt: row?.access_expires_at ?? null,
        refreshExpiresAt: row?.refresh_expires_at ?? null,
        lastRefreshAt,
        consentedAt: row?.consented_at ?? null,
      },
      rules,
    );
    const cappedUntil = row?.capped_until ?? null;
    return {
      reauthBy: iso(forecast.reauthBy),
      reauthReason: forecast.reason,
      usage: {
        postsToday: row?.posts_today ?? 0,
        postCap: platform === 'tiktok' ? rules.tiktokDailyPostCap : null,
        postingCappedUntil: cappedUntil !== null && cappedUntil > now() ? iso(cappedUntil) : null,
        rateLimit:
          row?.endpoint != null
            ? {
                endpoint: row.endpoint,
                limit: row.limit_value,
                remaining: row.remaining,
                resetAt: iso(row.reset_at),
              }
            : null,
      },
    };
  };

  return {
    forOne(id: string, platform: PlatformId, lastRefreshAt: number | null): AccountExtras {
      return toExtras(one.get({ id, day: day() }) as FactRow | undefined, platform, lastRefreshAt);
    },
    /** Extras of every account, looked up by id while building a list. */
    forAll(): (id: string, platform: PlatformId, lastRefreshAt: number | null) => AccountExtras {
      const rows = new Map(
        (all.all({ day: day() }) as FactRow[]).map((row) => [row.account_id, row]),
      );
      return (id, platform, lastRefreshAt) => toExtras(rows.get(id), platform, lastRefreshAt);
    },
  };
}

export type AccountExtrasSource = ReturnType<typeof createAccountExtras>;
