import type Database from 'better-sqlite3';

const DAY_MS = 24 * 3_600_000;

/** Rows older than this many days go (the setting's default); see `compactAudit`. */
export const DEFAULT_AUDIT_RETENTION_DAYS = 365;

/** How often the audit log is compacted: checked as rows are written, so a fake clock drives it. */
export const AUDIT_COMPACT_EVERY_MS = 3_600_000;

/**
 * A routine renewal's rows: one `refresh` or `rotate` row with its fingerprints (`rt a → b`, or
 * no detail in older vaults), and in older vaults the two status rows around it (healthy →
 * refreshing → healthy). Summaries are not routine themselves; failures (a transition whose
 * detail names an outcome before the fingerprints), other status changes, connects and tool
 * rows never are.
 */
const ROUTINE = `account_id IS NOT NULL AND outcome = 'ok' AND (
  (action IN ('refresh', 'rotate') AND (detail IS NULL OR detail LIKE 'rt %'))
  OR (action = 'transition' AND (
    detail = 'healthy → refreshing' OR detail LIKE 'healthy → refreshing; spending %'
    OR detail = 'refreshing → healthy' OR detail LIKE 'refreshing → healthy; rt %')))`;

/** The detail of a day's summary row; `renewals` counts refreshes and rotations together. */
export const routineSummary = (day: string, renewals: number, rotations: number) =>
  `routine renewals on ${day}: ${renewals} (${rotations} with a new refresh token)`;

/**
 * Keeps the audit log from growing for ever, in two steps, both in the caller's transaction:
 * 1. every account's routine renewals of a past UTC day become one `refresh` row with the day's
 *    count (today's stay row by row, so a fresh problem can still be traced renewal by renewal);
 * 2. rows older than the retention period go — summaries, connects, errors, status changes and
 *    tool rows alike — except each account's latest successful connect (its consent time).
 * The per-account row bounds (audit-repo.ts) still apply on every write.
 */
export function createAuditCompactor(db: Database.Database) {
  const summarise = db.prepare(`
    INSERT INTO audit_log (account_id, platform, action, outcome, detail, at)
    SELECT account_id, MAX(platform), 'refresh', 'ok',
      'routine renewals on ' || date(at / 1000, 'unixepoch') || ': '
        || SUM(action IN ('refresh', 'rotate')) || ' ('
        || SUM(action = 'rotate') || ' with a new refresh token)',
      MAX(at)
    FROM audit_log WHERE at < @today AND ${ROUTINE}
    GROUP BY account_id, at / ${DAY_MS}
    HAVING SUM(action IN ('refresh', 'rotate')) > 0`);
  const dropRoutine = db.prepare(`DELETE FROM audit_log WHERE at < @today AND ${ROUTINE}`);
  const expire = db.prepare(`
    DELETE FROM audit_log WHERE at < @cutoff AND id NOT IN (
      SELECT MAX(id) FROM audit_log WHERE action = 'connect' AND outcome = 'ok'
        AND account_id IS NOT NULL GROUP BY account_id)`);
  return (now: number, retentionDays: number): void => {
    const today = now - (now % DAY_MS);
    summarise.run({ today });
    dropRoutine.run({ today });
    expire.run({ cutoff: now - retentionDays * DAY_MS });
  };
}
