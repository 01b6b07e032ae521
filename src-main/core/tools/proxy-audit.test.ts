import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../src-shared/account';
import { createAuditRepo } from '../vault/audit-repo';
import { migrate } from '../vault/migrations/runner';
import type { Vault } from '../vault/vault';
import { AUDIT_PATH_CHARS, auditPath, noteRead, READ_TALLY_MS } from './proxy-audit';
import type { ToolsApiDeps } from './tool-context';

function setup() {
  const db = new Database(':memory:');
  migrate(db);
  let clock = Date.UTC(2026, 0, 1, 10);
  const vault = { audit: createAuditRepo(db, () => clock) } as unknown as Vault;
  const warnings: string[] = [];
  const deps = {
    vault: { current: () => vault, require: () => vault },
    now: () => clock,
    log: { warn: (line: string) => warnings.push(line) },
  } as unknown as ToolsApiDeps;
  const account = { id: 'acc', platform: 'x' } as AccountSummary;
  const rows = () =>
    db.prepare('SELECT detail, outcome, at FROM audit_log ORDER BY id').all() as {
      detail: string;
      outcome: string;
      at: number;
    }[];
  return { db, deps, account, rows, warnings, advance: (ms: number) => (clock += ms) };
}

const tool = (id: string, name = id) => ({
  id,
  name,
  accountIds: null,
  rights: ['proxy' as const],
});

describe('proxied reads in the audit log', () => {
  it('keeps one row per account, tool and hour with the count of reads', () => {
    const { deps, account, rows, advance, warnings } = setup();
    const reader = tool('t1', 'dashboard');
    noteRead(deps, account, reader, 'GET /2/users/me → 200', true);
    expect(rows()).toEqual([
      expect.objectContaining({
        detail: 'tool "dashboard" reads this hour: 1; last GET /2/users/me → 200',
        outcome: 'ok',
      }),
    ]);
    // Within the minute the row is not rewritten; after it, the tally catches up.
    for (let i = 0; i < 10; i++) noteRead(deps, account, reader, 'GET /2/tweets → 200', true);
    expect(rows()[0]!.detail).toContain('reads this hour: 1;');
    advance(60_000);
    noteRead(deps, account, reader, 'GET /2/users/me → 429', false);
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toMatchObject({
      detail: 'tool "dashboard" reads this hour: 12 (1 failed); last GET /2/users/me → 429',
      outcome: 'failed',
    });
    // Another tool has its own row.
    noteRead(deps, account, tool('t2', 'other'), 'GET /2/users/me → 200', true);
    expect(rows()).toHaveLength(2);
    // Reads not yet written are written when the next hour's first read closes the tally.
    noteRead(deps, account, reader, 'GET /2/tweets → 200', true);
    noteRead(deps, account, reader, 'GET /2/tweets → 200', true);
    advance(READ_TALLY_MS);
    noteRead(deps, account, reader, 'GET /2/users/me → 200', true);
    const details = rows().map((row) => row.detail);
    expect(details).toHaveLength(3);
    expect(details[0]).toBe(
      'tool "dashboard" reads this hour: 14 (1 failed); last GET /2/tweets → 200',
    );
    expect(details[2]).toBe('tool "dashboard" reads this hour: 1; last GET /2/users/me → 200');
    expect(warnings).toEqual([]);
  });

  it('starts a new row when its row was pruned or replaced', () => {
    const { deps, account, rows, advance, db } = setup();
    const reader = tool('t1');
    noteRead(deps, account, reader, 'GET /a → 200', true);
    expect(rows()).toHaveLength(1);
    db.prepare('DELETE FROM audit_log').run();
    advance(61_000);
    noteRead(deps, account, reader, 'GET /b → 200', true);
    expect(rows().map((row) => row.detail)).toEqual([
      'tool "t1" reads this hour: 2; last GET /b → 200',
    ]);
  });

  it('cuts long paths with a marker', () => {
    const long = `/${'a'.repeat(15_038)}`;
    const cut = auditPath(long);
    expect(cut.startsWith(long.slice(0, AUDIT_PATH_CHARS))).toBe(true);
    expect(cut).toMatch(/… \(cut, 15039 characters\)$/);
    expect(cut.length).toBeLessThan(AUDIT_PATH_CHARS + 40);
    expect(auditPath('/2/tweets')).toBe('/2/tweets');
    expect(auditPath(long.slice(0, AUDIT_PATH_CHARS))).toBe(long.slice(0, AUDIT_PATH_CHARS));
  });
});
