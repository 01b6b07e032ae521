import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createAuditRepo, DEFAULT_AUDIT_LIMITS, type AuditRecord } from './audit-repo';
import { migrate } from './migrations/runner';

function repo(limits = { toolRowsPerAccount: 5, otherRowsPerAccount: 4, unownedRows: 3 }) {
  const db = new Database(':memory:');
  migrate(db);
  let clock = 1_000;
  const audit = createAuditRepo(db, () => (clock += 1), limits);
  const count = (where: string) =>
    (db.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE ${where}`).get() as { n: number }).n;
  return { db, audit, count };
}

const row = (over: Partial<AuditRecord>): AuditRecord => ({
  accountId: 'a1',
  platform: 'x',
  action: 'tool_request',
  outcome: 'ok',
  detail: 'tool "t" POST /2/tweets → 201',
  ...over,
});

describe('audit log bounds', () => {
  it('keeps the newest tool rows per account, apart from the token history', () => {
    const { audit, count } = repo();
    audit.record(row({ action: 'connect', detail: 'first connect' }));
    for (let i = 0; i < 3; i++) audit.record(row({ action: 'refresh', detail: `refresh ${i}` }));
    for (let i = 0; i < 12; i++) audit.record(row({ detail: `write ${i}` }));
    audit.record(row({ accountId: 'a2', detail: 'other account' }));
    expect(count(`account_id = 'a1' AND action = 'tool_request'`)).toBe(5);
    expect(audit.forAccount('a1', 5).map((entry) => entry.detail)).toEqual([
      'write 11',
      'write 10',
      'write 9',
      'write 8',
      'write 7',
    ]);
    // A busy tool did not push out the connect and refreshes, nor another account's rows.
    expect(count(`account_id = 'a1' AND action IN ('connect', 'refresh')`)).toBe(4);
    expect(count(`account_id = 'a2'`)).toBe(1);
  });

  it("keeps an account's latest successful connect however many other rows follow", () => {
    const { audit, count } = repo();
    audit.record(row({ action: 'connect', detail: 'old connect' }));
    audit.record(row({ action: 'connect', detail: 'consent' }));
    audit.record(row({ action: 'connect', outcome: 'failed', detail: 'failed connect' }));
    for (let i = 0; i < 10; i++) audit.record(row({ action: 'refresh', detail: `refresh ${i}` }));
    expect(count(`account_id = 'a1'`)).toBe(5);
    expect(count(`detail = 'consent'`)).toBe(1);
    expect(count(`detail IN ('old connect', 'failed connect')`)).toBe(0);
    expect(count(`action = 'refresh'`)).toBe(4);
  });

  it('bounds rows about no account', () => {
    const { audit, count } = repo();
    for (let i = 0; i < 7; i++)
      audit.record({ accountId: null, platform: null, action: 'key_rotation', outcome: 'ok' });
    expect(count('account_id IS NULL')).toBe(3);
  });

  it('has sensible defaults', () => {
    expect(DEFAULT_AUDIT_LIMITS).toEqual({
      toolRowsPerAccount: 1000,
      otherRowsPerAccount: 2000,
      unownedRows: 500,
    });
    const { audit, count } = repo(DEFAULT_AUDIT_LIMITS);
    for (let i = 0; i < 1010; i++) audit.record(row({ detail: `write ${i}` }));
    // Pruned every 50 writes (5% of the bound), not per insert: 1,000 kept at write 1,000.
    expect(count(`action = 'tool_request'`)).toBe(1010);
    for (let i = 1010; i < 1050; i++) audit.record(row({ detail: `write ${i}` }));
    expect(count(`action = 'tool_request'`)).toBe(1000);
    expect(audit.forAccount('a1', 1)[0]!.detail).toBe('write 1049');
  });

  it('enforces every bound at compaction, also rows written before a restart', () => {
    const { db, count } = repo(DEFAULT_AUDIT_LIMITS);
    const before = createAuditRepo(
      db,
      () => 1_000,
      DEFAULT_AUDIT_LIMITS,
      () => null,
    );
    for (let i = 0; i < 1030; i++) before.record(row({ detail: `write ${i}` }));
    for (let i = 0; i < 2030; i++) before.record(row({ action: 'check', detail: `check ${i}` }));
    expect(count(`account_id = 'a1'`)).toBe(1030 + 2030);
    // A new process: its write counters start at zero, the scheduled pass still finds them.
    const after = createAuditRepo(
      db,
      () => 2_000,
      DEFAULT_AUDIT_LIMITS,
      () => null,
    );
    after.compact();
    expect(count(`action = 'tool_request'`)).toBe(1000);
    expect(count(`action = 'check'`)).toBe(2000);
    expect(after.forAccount('a1', 1)[0]!.detail).toBe('check 2029');
  });

  it('amends a tally row only while it is still that tally', () => {
    const { audit, db } = repo();
    const id = audit.record(row({ detail: 'tool "t" reads this hour: 1; last GET /me → 200' }));
    expect(
      audit.amendToolRow(
        id,
        'a1',
        'tool "t" reads this hour: ',
        'tool "t" reads this hour: 2',
        'ok',
      ),
    ).toBe(true);
    expect(audit.forAccount('a1')[0]!.detail).toBe('tool "t" reads this hour: 2');
    expect(
      audit.amendToolRow(id, 'a1', 'tool "u" reads', 'tool "u" reads this hour: 9', 'ok'),
    ).toBe(false);
    expect(
      audit.amendToolRow(id, 'a2', 'tool "t" reads', 'tool "t" reads this hour: 9', 'ok'),
    ).toBe(false);
    db.prepare('DELETE FROM audit_log').run();
    expect(
      audit.amendToolRow(id, 'a1', 'tool "t" reads', 'tool "t" reads this hour: 3', 'ok'),
    ).toBe(false);
  });
});
