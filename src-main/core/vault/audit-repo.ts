import type Database from 'better-sqlite3';
import type { PlatformId } from '../../../src-shared/platforms';
import {
  AUDIT_COMPACT_EVERY_MS,
  DEFAULT_AUDIT_RETENTION_DAYS,
  createAuditCompactor,
} from './audit-retention';
import type { AuditAction, AuditEntry } from './types';

export interface AuditRecord {
  accountId: string | null;
  platform: PlatformId | null;
  action: AuditAction;
  outcome: 'ok' | 'failed';
  detail?: string | null;
}

interface AuditRow {
  id: number;
  account_id: string | null;
  platform: PlatformId | null;
  action: AuditAction;
  outcome: 'ok' | 'failed';
  detail: string | null;
  at: number;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: row.id,
  accountId: row.account_id,
  platform: row.platform,
  action: row.action,
  outcome: row.outcome,
  detail: row.detail,
  at: row.at,
});

/**
 * How many rows the audit log keeps, newest first (pruned on a schedule as it is written, so it
 * stays bounded whatever tools do: within 5% of each bound between prunes). Tool rows are noisy (a resumable upload writes one per chunk)
 * and bounded apart, so a busy tool cannot push an account's token history out. The account's
 * latest successful connect always stays: consent time is read from it.
 */
export interface AuditLimits {
  /** `tool_token` and `tool_request` rows per account. */
  toolRowsPerAccount: number;
  /** Every other row per account. */
  otherRowsPerAccount: number;
  /** Rows about no account (key rotations, imports). */
  unownedRows: number;
}

export const DEFAULT_AUDIT_LIMITS: AuditLimits = {
  toolRowsPerAccount: 1000,
  otherRowsPerAccount: 2000,
  unownedRows: 500,
};

const TOOL = `action IN ('tool_token', 'tool_request')`;

/** A bound is enforced every `slack` writes of its kind (5% of it): amortised, never per row. */
const slackOf = (limit: number) => Math.max(1, Math.ceil(limit / 20));

/**
 * Deletes what is beyond each bound; a statement that finds nothing to delete writes nothing.
 * Pruning runs on a schedule, not per insert: after every `slack` writes to one bound (so a bound
 * is overshot by less than 5% between prunes), and for every bound at each compaction (counts
 * kept in memory start again at zero after a restart).
 */
function createPruner(db: Database.Database, limits: AuditLimits) {
  const beyond = (where: string) =>
    `id < (SELECT id FROM audit_log WHERE ${where} ORDER BY id DESC LIMIT 1 OFFSET @keep)`;
  const tool = db.prepare(
    `DELETE FROM audit_log WHERE account_id = @account AND ${TOOL} AND ${beyond(`account_id = @account AND ${TOOL}`)}`,
  );
  const other = db.prepare(
    `DELETE FROM audit_log WHERE account_id = @account AND NOT ${TOOL} AND ${beyond(`account_id = @account AND NOT ${TOOL}`)}
       AND id <> COALESCE((SELECT MAX(id) FROM audit_log WHERE account_id = @account AND action = 'connect' AND outcome = 'ok'), -1)`,
  );
  const unowned = db.prepare(
    `DELETE FROM audit_log WHERE account_id IS NULL AND ${beyond('account_id IS NULL')}`,
  );
  const over = db.prepare(
    `SELECT account_id AS account, SUM(${TOOL}) AS tools, SUM(NOT ${TOOL}) AS others
       FROM audit_log WHERE account_id IS NOT NULL GROUP BY account_id
       HAVING tools > @tools OR others > @others`,
  );
  const pruneTool = (account: string) => tool.run({ account, keep: limits.toolRowsPerAccount - 1 });
  const pruneOther = (account: string) =>
    other.run({ account, keep: limits.otherRowsPerAccount - 1 });
  const pruneUnowned = () => unowned.run({ keep: limits.unownedRows - 1 });
  /** Writes since each bound was last enforced, by `tool:<id>`, `other:<id>` and `unowned`. */
  const written = new Map<string, number>();
  const due = (key: string, limit: number) => {
    const count = (written.get(key) ?? 0) + 1;
    if (count < slackOf(limit)) return written.set(key, count) && false;
    written.delete(key);
    return true;
  };
  return {
    /** Counts one write; prunes its bound when its turn has come. */
    afterWrite(entry: AuditRecord): void {
      if (entry.accountId === null) {
        if (due('unowned', limits.unownedRows)) pruneUnowned();
      } else if (entry.action === 'tool_token' || entry.action === 'tool_request') {
        if (due(`tool:${entry.accountId}`, limits.toolRowsPerAccount)) pruneTool(entry.accountId);
      } else if (due(`other:${entry.accountId}`, limits.otherRowsPerAccount)) {
        pruneOther(entry.accountId);
      }
    },
    /** Every bound now (the scheduled pass). */
    all(): void {
      written.clear();
      const rows = over.all({
        tools: limits.toolRowsPerAccount,
        others: limits.otherRowsPerAccount,
      }) as { account: string; tools: number; others: number }[];
      for (const row of rows) {
        if (row.tools > limits.toolRowsPerAccount) pruneTool(row.account);
        if (row.others > limits.otherRowsPerAccount) pruneOther(row.account);
      }
      pruneUnowned();
    },
  };
}

/**
 * What happened to each account, when, and how it went — never a secret. `retentionDays` (a
 * setting) is read at each compaction, which runs with the first write of each hour; null
 * turns compaction off (only the per-account bounds apply, as before retention existed).
 */
export function createAuditRepo(
  db: Database.Database,
  now: () => number,
  limits: AuditLimits = DEFAULT_AUDIT_LIMITS,
  retentionDays: () => number | null = () => DEFAULT_AUDIT_RETENTION_DAYS,
) {
  const insert = db.prepare(
    'INSERT INTO audit_log (account_id, platform, action, outcome, detail, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byAccount = db.prepare(
    'SELECT * FROM audit_log WHERE account_id = ? ORDER BY at DESC, id DESC LIMIT ?',
  );
  const amend = db.prepare(
    `UPDATE audit_log SET detail = @detail, outcome = @outcome WHERE id = @id
       AND account_id = @account AND action = 'tool_request' AND substr(detail, 1, length(@prefix)) = @prefix`,
  );
  const prune = createPruner(db, limits);
  const compactor = createAuditCompactor(db);
  let compactedAt = -Infinity;
  const compact = db.transaction(() => {
    compactedAt = now();
    const days = retentionDays();
    if (days !== null) compactor(compactedAt, days);
    prune.all();
  });
  // One transaction: the insert and any pruning reach the disk together (one sync, not two).
  const write = db.transaction((entry: AuditRecord): number => {
    const { lastInsertRowid } = insert.run(
      entry.accountId,
      entry.platform,
      entry.action,
      entry.outcome,
      entry.detail ?? null,
      now(),
    );
    if (now() - compactedAt >= AUDIT_COMPACT_EVERY_MS) compact();
    prune.afterWrite(entry);
    return Number(lastInsertRowid);
  });
  return {
    /** Writes one row (pruning what is beyond a bound when its turn comes); returns its id. */
    record(entry: AuditRecord): number {
      return write(entry);
    },
    /**
     * Rewrites the detail of a tool row this process wrote (a running tally); false when the
     * row is gone or is no longer that tally (pruned, or replaced by a backup import).
     */
    amendToolRow(
      id: number,
      accountId: string,
      prefix: string,
      detail: string,
      outcome: 'ok' | 'failed',
    ): boolean {
      return amend.run({ id, account: accountId, prefix, detail, outcome }).changes === 1;
    },
    /** Summarises past days' routine renewals, drops rows past retention, prunes every bound. */
    compact(): void {
      compact();
    },
    forAccount(accountId: string, limit = 100): AuditEntry[] {
      return (byAccount.all(accountId, limit) as AuditRow[]).map(toEntry);
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
