import type Database from 'better-sqlite3';
import type { AccountStatus } from '../../../src-shared/account';
import { AppError } from '../../../src-shared/errors';
import type { PlatformId } from '../../../src-shared/platforms';
import type { AuditRepo } from './audit-repo';
import type { CommitQueue } from './commit-queue';
import type { TokensRepo } from './tokens-repo';
import type { TokenSet } from './types';

/** What the refresher reads about an account before deciding anything (no secrets). */
export interface RefreshState {
  accountId: string;
  platform: PlatformId;
  /** `facebook` when the Instagram account came through a Facebook Page. */
  pageId: string | null;
  label: string;
  status: AccountStatus;
  statusReason: string | null;
  failedAttempts: number;
  nextRefreshAt: number | null;
  lastRefreshAt: number | null;
  lastCheckAt: number | null;
}

/** A refresh of a rotating platform that was sent and whose outcome was not stored yet. */
export interface InFlightMarker {
  fingerprint: string;
  generation: number;
  startedAt: number;
}

/** A status change as the refresher decides it; stored with an audit entry in one transaction. */
export interface StatusChange {
  status: AccountStatus;
  reason: string | null;
  lastError?: string | null;
  nextRefreshAt?: number | null;
  failedAttempts?: number;
  /** Plain words for the audit log: fingerprints and codes, never a token. */
  detail?: string;
  /**
   * An ordinary renewal's healthy ⇄ refreshing step: the renewal's one row (fingerprints) or its
   * failure's transition row tells it, so the step writes no audit row of its own.
   */
  routine?: boolean;
}

interface StateRow {
  id: string;
  platform: PlatformId;
  page_id: string | null;
  label: string | null;
  display_name: string;
  status: AccountStatus;
  status_reason: string | null;
  failed_attempts: number;
  next_refresh_at: number | null;
  last_refresh_at: number | null;
  last_check_at: number | null;
}

/** Statuses the scheduler still works on; the others wait for the creator. */
export const SCHEDULED_STATUSES: readonly AccountStatus[] = [
  'healthy',
  'refreshing',
  'expiring',
  'rate_limited',
  'verify',
];
/** The two steps of an ordinary renewal, told by its one renewal row (see applyChange). */
const isRoutineStep = (from: AccountStatus, to: AccountStatus) =>
  (from === 'healthy' && to === 'refreshing') || (from === 'refreshing' && to === 'healthy');

const SCHEDULED_SQL = SCHEDULED_STATUSES.map((status) => `'${status}'`).join(', ');

/**
 * The refresh side of the vault: status machine rows, the refresh plan and the in-flight marker
 * that makes a crash mid-rotation visible after restart.
 */
export function createRefreshRepo(
  db: Database.Database,
  tokens: TokensRepo,
  audit: AuditRepo,
  now: () => number,
  commits: CommitQueue,
) {
  const selectState = db.prepare(
    `SELECT id, platform, page_id, label, display_name, status, status_reason, failed_attempts,
       next_refresh_at, last_refresh_at, last_check_at FROM accounts WHERE id = ?`,
  );
  const selectMarker = db.prepare(
    'SELECT fingerprint, generation, started_at FROM refresh_in_flight WHERE account_id = ?',
  );
  const upsertMarker = db.prepare(
    `INSERT INTO refresh_in_flight (account_id, fingerprint, generation, started_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (account_id) DO UPDATE SET fingerprint = excluded.fingerprint,
       generation = excluded.generation, started_at = excluded.started_at`,
  );
  const deleteMarker = db.prepare('DELETE FROM refresh_in_flight WHERE account_id = ?');
  const updateStatus = db.prepare(
    `UPDATE accounts SET status = @status, status_reason = @reason, updated_at = @now,
       last_error = CASE WHEN @setError THEN @lastError ELSE last_error END,
       next_refresh_at = CASE WHEN @setNext THEN @nextRefreshAt ELSE next_refresh_at END,
       failed_attempts = COALESCE(@failedAttempts, failed_attempts) WHERE id = @id`,
  );
  const setNext = db.prepare('UPDATE accounts SET next_refresh_at = ? WHERE id = ?');
  const setChecked = db.prepare('UPDATE accounts SET last_check_at = ? WHERE id = ?');
  const earliest = db.prepare(
    `SELECT MIN(next_refresh_at) AS at FROM accounts WHERE status IN (${SCHEDULED_SQL}) AND next_refresh_at IS NOT NULL`,
  );
  const plannedRows = db.prepare(
    `SELECT id, next_refresh_at AS at, status FROM accounts WHERE status IN (${SCHEDULED_SQL}) AND next_refresh_at IS NOT NULL ORDER BY next_refresh_at LIMIT ?`,
  );
  const markerRows = db.prepare('SELECT account_id AS id FROM refresh_in_flight');
  const unplannedRows = db.prepare(
    `SELECT id FROM accounts WHERE status IN (${SCHEDULED_SQL}) AND next_refresh_at IS NULL`,
  );
  const allIds = db.prepare('SELECT id FROM accounts ORDER BY created_at');

  const toState = (row: StateRow): RefreshState => ({
    accountId: row.id,
    platform: row.platform,
    pageId: row.page_id,
    label: row.label ?? row.display_name,
    status: row.status,
    statusReason: row.status_reason,
    failedAttempts: row.failed_attempts,
    nextRefreshAt: row.next_refresh_at,
    lastRefreshAt: row.last_refresh_at,
    lastCheckAt: row.last_check_at,
  });
  const state = (id: string): RefreshState => {
    const row = selectState.get(id) as StateRow | undefined;
    if (!row) throw new AppError('account_not_found');
    return toState(row);
  };

  /**
   * Stores a change and its audit entry (none for a routine step); returns the status it replaced.
   */
  const applyChange = db.transaction(
    (id: string, change: StatusChange, known?: RefreshState): AccountStatus => {
      const before = known ?? state(id);
      updateStatus.run({
        id,
        now: now(),
        status: change.status,
        reason: change.reason,
        setError: change.lastError === undefined ? 0 : 1,
        lastError: change.lastError ?? null,
        setNext: change.nextRefreshAt === undefined ? 0 : 1,
        nextRefreshAt: change.nextRefreshAt ?? null,
        failedAttempts: change.failedAttempts ?? null,
      });
      const quiet = change.routine === true && isRoutineStep(before.status, change.status);
      if (before.status !== change.status && !quiet) {
        audit.record({
          accountId: id,
          platform: before.platform,
          action: 'transition',
          outcome: change.status === 'healthy' || change.status === 'refreshing' ? 'ok' : 'failed',
          detail: `${before.status} → ${change.status}${change.detail ? `; ${change.detail}` : ''}`,
        });
      }
      return before.status;
    },
  );

  const beginFlight = db.transaction(
    (id: string, marker: InFlightMarker, change: StatusChange): AccountStatus => {
      upsertMarker.run(id, marker.fingerprint, marker.generation, marker.startedAt);
      return applyChange(id, change);
    },
  );

  const storeRefreshed = db.transaction(
    (
      id: string,
      tokenSet: TokenSet,
      expectedGeneration: number,
      change: StatusChange,
    ): AccountStatus => {
      // Read first: storing the rotation already writes the status the change is measured from.
      const before = state(id);
      // The renewal's one audit row carries the fingerprints (and a transition it ended, if any
      // other than the routine refreshing → healthy).
      tokens.storeRotation(id, tokenSet, expectedGeneration, change.detail);
      deleteMarker.run(id);
      return applyChange(id, { ...change, lastError: null, failedAttempts: 0 }, before);
    },
  );

  return {
    state,
    /** Every account id, oldest first (checks of all accounts walk this). */
    ids: (): string[] => (allIds.all() as { id: string }[]).map((row) => row.id),
    marker(id: string): InFlightMarker | null {
      const row = selectMarker.get(id) as
        { fingerprint: string; generation: number; started_at: number } | undefined;
      return row
        ? { fingerprint: row.fingerprint, generation: row.generation, startedAt: row.started_at }
        : null;
    },
    /**
     * Persist first: resolves once the marker is durable (a group commit shared with other
     * refreshes); the caller sends the rotating request only then.
     */
    beginFlight(id: string, marker: InFlightMarker, change: StatusChange): Promise<AccountStatus> {
      return commits.run(() => beginFlight(id, marker, change));
    },
    clearMarker(id: string): void {
      deleteMarker.run(id);
    },
    change(id: string, change: StatusChange): AccountStatus {
      return applyChange.immediate(id, change);
    },
    /** `change` in the next group commit; resolves once it is durable. */
    changeGrouped(id: string, change: StatusChange): Promise<AccountStatus> {
      return commits.run(() => applyChange(id, change));
    },
    /**
     * The new pair, the plan and the status together (one savepoint of a group commit), refusing
     * a stale generation; resolves once the commit holding them is durable.
     */
    storeRefreshed(
      id: string,
      tokenSet: TokenSet,
      expectedGeneration: number,
      change: StatusChange,
    ): Promise<AccountStatus> {
      return commits.run(() => storeRefreshed(id, tokenSet, expectedGeneration, change));
    },
    setNextRefresh(id: string, at: number | null): void {
      setNext.run(at, id);
    },
    markChecked(id: string, at: number): void {
      setChecked.run(at, id);
    },
    earliestDue(): number | null {
      return (earliest.get() as { at: number | null }).at;
    },
    /** The `limit` soonest planned refreshes, soonest first. */
    nextPlanned(limit: number): { id: string; at: number; status: AccountStatus }[] {
      return plannedRows.all(limit) as { id: string; at: number; status: AccountStatus }[];
    },
    /** Accounts a crash or timeout left with a refresh in flight. */
    inFlightIds(): string[] {
      return (markerRows.all() as { id: string }[]).map((row) => row.id);
    },
    unplannedIds(): string[] {
      return (unplannedRows.all() as { id: string }[]).map((row) => row.id);
    },
  };
}

export type RefreshRepo = ReturnType<typeof createRefreshRepo>;
