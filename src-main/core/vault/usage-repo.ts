import type Database from 'better-sqlite3';

export interface RateLimitFacts {
  limit: number | null;
  remaining: number | null;
  /** Epoch ms when the window resets. */
  resetAt: number | null;
}

/** Per-account daily counters (posts, uploads) and the last rate-limit facts seen per endpoint. */
export function createUsageRepo(db: Database.Database, now: () => number) {
  const bump = db.prepare(
    `INSERT INTO usage_daily (account_id, day, kind, count) VALUES (?, ?, ?, 1)
     ON CONFLICT (account_id, day, kind) DO UPDATE SET count = count + 1 RETURNING count`,
  );
  const read = db.prepare(
    'SELECT count FROM usage_daily WHERE account_id = ? AND day = ? AND kind = ?',
  );
  const saveLimit = db.prepare(
    `INSERT INTO rate_limits (account_id, endpoint, limit_value, remaining, reset_at, observed_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (account_id, endpoint) DO UPDATE SET limit_value = excluded.limit_value,
       remaining = excluded.remaining, reset_at = excluded.reset_at, observed_at = excluded.observed_at`,
  );
  const limits = db.prepare('SELECT * FROM rate_limits WHERE account_id = ? ORDER BY endpoint');
  /** UTC day, so a count does not depend on the machine's time zone. */
  const today = () => new Date(now()).toISOString().slice(0, 10);
  return {
    /** Adds one to today's count of `kind` and returns the new count. */
    increment(accountId: string, kind: string, day = today()): number {
      return (bump.get(accountId, day, kind) as { count: number }).count;
    },
    count(accountId: string, kind: string, day = today()): number {
      return (read.get(accountId, day, kind) as { count: number } | undefined)?.count ?? 0;
    },
    recordRateLimit(accountId: string, endpoint: string, facts: RateLimitFacts): void {
      saveLimit.run(accountId, endpoint, facts.limit, facts.remaining, facts.resetAt, now());
    },
    rateLimits(accountId: string): (RateLimitFacts & { endpoint: string; observedAt: number })[] {
      return (
        limits.all(accountId) as {
          endpoint: string;
          limit_value: number | null;
          remaining: number | null;
          reset_at: number | null;
          observed_at: number;
        }[]
      ).map((row) => ({
        endpoint: row.endpoint,
        limit: row.limit_value,
        remaining: row.remaining,
        resetAt: row.reset_at,
        observedAt: row.observed_at,
      }));
    },
  };
}

export type UsageRepo = ReturnType<typeof createUsageRepo>;
