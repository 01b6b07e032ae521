import type Database from 'better-sqlite3';
import { Gauge, Registry } from 'prom-client';

/**
 * The per-account gauges as they were rendered before account-series.ts: prom-client gauges
 * reset and refilled from the vault on every scrape. Kept only as the benchmark's baseline.
 */
export function legacyAccountGauges(db: Database.Database, now: () => number): Registry {
  const registry = new Registry();
  const gauge = <Row>(
    name: string,
    help: string,
    rows: () => Row[],
    sample: (row: Row) => [Record<string, string>, number],
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['platform', 'account'],
      registers: [registry],
      collect() {
        this.reset();
        for (const row of rows()) this.set(...sample(row));
      },
    });
  gauge(
    'switchboard_token_expiry_timestamp_seconds',
    'When each account’s access token expires (Unix time).',
    () =>
      db
        .prepare(
          'SELECT a.id, a.platform, t.access_expires_at FROM accounts a JOIN tokens t ON t.account_id = a.id WHERE t.access_expires_at IS NOT NULL',
        )
        .all() as { id: string; platform: string; access_expires_at: number }[],
    (row) => [{ platform: row.platform, account: row.id }, row.access_expires_at / 1000],
  );
  gauge(
    'switchboard_rate_limit_remaining',
    'Requests left in the current rate-limit window, lowest across endpoints, per account.',
    () =>
      db
        .prepare(
          `SELECT a.id, a.platform, MIN(r.remaining) AS remaining FROM rate_limits r JOIN accounts a ON a.id = r.account_id
           WHERE r.remaining IS NOT NULL AND (r.reset_at IS NULL OR r.reset_at > ?) GROUP BY a.id`,
        )
        .all(now()) as { id: string; platform: string; remaining: number }[],
    (row) => [{ platform: row.platform, account: row.id }, row.remaining],
  );
  return registry;
}
