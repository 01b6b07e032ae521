import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAuditRepo, type AuditRecord } from './audit-repo';
import { AUDIT_COMPACT_EVERY_MS, routineSummary } from './audit-retention';
import { migrate } from './migrations/runner';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 2026-03-01T00:00Z: days below are counted from here. */
const START = Date.UTC(2026, 2, 1);

function repo(retentionDays = 30) {
  const db = new Database(':memory:');
  migrate(db);
  let clock = START;
  const audit = createAuditRepo(
    db,
    () => clock,
    undefined,
    () => retentionDays,
  );
  const rows = (account: string) =>
    db
      .prepare('SELECT action, outcome, detail, at FROM audit_log WHERE account_id = ? ORDER BY id')
      .all(account) as { action: string; outcome: string; detail: string | null; at: number }[];
  return { audit, rows, at: (ms: number) => (clock = ms) };
}

const entry = (over: Partial<AuditRecord>): AuditRecord => ({
  accountId: 'a1',
  platform: 'x',
  action: 'refresh',
  outcome: 'ok',
  ...over,
});

/** The three rows of one routine renewal, as older versions of the refresh service wrote them. */
function renewal(audit: ReturnType<typeof repo>['audit'], rotated: boolean, account = 'a1') {
  audit.record(entry({ accountId: account, action: 'transition', detail: 'healthy → refreshing' }));
  audit.record(entry({ accountId: account, action: rotated ? 'rotate' : 'refresh' }));
  audit.record(
    entry({ accountId: account, action: 'transition', detail: 'refreshing → healthy; rt 1 → 2' }),
  );
}

describe('audit retention', () => {
  it("summarises a past day's routine renewals per account into one row with the count", () => {
    const { audit, rows, at } = repo();
    at(START + 7 * HOUR);
    audit.record(entry({ action: 'connect', detail: null }));
    for (let i = 0; i < 5; i++) {
      at(START + (8 + 2 * i) * HOUR);
      renewal(audit, i % 2 === 0);
      renewal(audit, true, 'a2');
    }
    at(START + 20 * HOUR);
    audit.record(entry({ action: 'transition', outcome: 'failed', detail: 'healthy → failing' }));
    // Today: nothing is summarised yet.
    audit.compact();
    expect(rows('a1')).toHaveLength(1 + 15 + 1);
    at(START + DAY + HOUR);
    audit.compact();
    const kept = rows('a1');
    expect(kept.map((row) => row.action)).toEqual(['connect', 'transition', 'refresh']);
    expect(kept[1]!.detail).toBe('healthy → failing');
    expect(kept[2]).toMatchObject({
      outcome: 'ok',
      detail: routineSummary('2026-03-01', 5, 3),
      at: START + 16 * HOUR,
    });
    expect(rows('a2').map((row) => row.detail)).toEqual([routineSummary('2026-03-01', 5, 5)]);
  });

  it('drops rows past the retention period but keeps the latest successful connect', () => {
    const { audit, rows, at } = repo(30);
    at(START);
    audit.record(entry({ action: 'connect', detail: 'first' }));
    audit.record(entry({ action: 'connect', detail: 'consent' }));
    audit.record(entry({ action: 'tool_token', detail: 'tool "t" took an access token' }));
    audit.record(entry({ action: 'error', outcome: 'failed', detail: 'platform down' }));
    at(START + 29 * DAY);
    audit.record(entry({ action: 'error', outcome: 'failed', detail: 'recent' }));
    expect(rows('a1')).toHaveLength(5);
    at(START + 31 * DAY);
    audit.compact();
    expect(rows('a1').map((row) => row.detail)).toEqual(['consent', 'recent']);
  });

  it('compacts on its own with the first write of each hour', () => {
    const { audit, rows, at } = repo();
    at(START + 10 * HOUR);
    renewal(audit, false);
    at(START + 23.5 * HOUR);
    audit.record(entry({ action: 'check', detail: 'late check' }));
    // The next day, within the hour of that compaction: yesterday is not summarised yet.
    at(START + DAY + 0.25 * HOUR);
    audit.record(entry({ action: 'check', detail: 'early check' }));
    expect(rows('a1')).toHaveLength(5);
    at(START + 23.5 * HOUR + AUDIT_COMPACT_EVERY_MS);
    audit.record(entry({ action: 'check', detail: 'next check' }));
    expect(rows('a1').map((row) => row.detail)).toEqual([
      'late check',
      'early check',
      'next check',
      routineSummary('2026-03-01', 1, 0),
    ]);
  });

  it('summarises one-row renewals (with fingerprints) and keeps a failed renewal row by row', () => {
    const { audit, rows, at } = repo();
    at(START + 9 * HOUR);
    audit.record(entry({ action: 'rotate', detail: 'rt 0123456789 → 9876543210' }));
    audit.record(entry({ action: 'refresh', detail: 'rt 0123456789 → 0123456789' }));
    const failure = 'refreshing → healthy; network_error; rt 0123456789';
    audit.record(entry({ action: 'transition', detail: failure }));
    at(START + DAY + HOUR);
    audit.compact();
    expect(rows('a1').map((row) => row.detail)).toEqual([
      failure,
      routineSummary('2026-03-01', 2, 1),
    ]);
  });
});
