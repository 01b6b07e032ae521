import type Database from 'better-sqlite3';
import type { PlatformId } from '../../../src-shared/platforms';
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

/** What happened to each account, when, and how it went — never a secret. */
export function createAuditRepo(db: Database.Database, now: () => number) {
  const insert = db.prepare(
    'INSERT INTO audit_log (account_id, platform, action, outcome, detail, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const byAccount = db.prepare(
    'SELECT * FROM audit_log WHERE account_id = ? ORDER BY at DESC, id DESC LIMIT ?',
  );
  return {
    record(entry: AuditRecord): void {
      insert.run(
        entry.accountId,
        entry.platform,
        entry.action,
        entry.outcome,
        entry.detail ?? null,
        now(),
      );
    },
    forAccount(accountId: string, limit = 100): AuditEntry[] {
      return (byAccount.all(accountId, limit) as AuditRow[]).map(toEntry);
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
