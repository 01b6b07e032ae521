import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import { toVaultError } from './sqlite-errors';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  outcome?: { ok: true; value: unknown } | { ok: false; error: unknown };
}

/**
 * Group commit: writes that arrive within one event-loop turn (and those whose answers piled up
 * while the previous commit waited on its fsync) share one transaction and one fsync. Each write
 * runs in its own savepoint, so a write that refuses (a stale generation) rolls back alone. A
 * promise resolves only after the commit holding its write returned, i.e. is durable under
 * synchronous=FULL: callers use, return or announce nothing before that.
 */
export function createCommitQueue(db: Database.Database) {
  let pending: Job[] = [];
  let scheduled: NodeJS.Immediate | null = null;
  const stats = { commits: 0, writes: 0 };
  // Called inside the batch's transaction, better-sqlite3 makes this a savepoint.
  const savepoint = db.transaction((work: () => unknown) => work());
  const batch = db.transaction((jobs: Job[]) => {
    for (const job of jobs) {
      try {
        job.outcome = { ok: true, value: savepoint(job.work) };
      } catch (error) {
        // Only the write's own refusals stay inside the batch; SQLite failures end the batch.
        if (!(error instanceof AppError)) throw error;
        job.outcome = { ok: false, error };
      }
    }
  });

  /** The batch failed as a whole (disk full, I/O): nothing of it is stored; each write alone. */
  function runAlone(job: Job): void {
    try {
      job.outcome = { ok: true, value: savepoint.immediate(job.work) };
    } catch (error) {
      job.outcome = { ok: false, error: toVaultError(error) };
    }
  }

  function flush(): void {
    if (scheduled) clearImmediate(scheduled);
    scheduled = null;
    const jobs = pending;
    pending = [];
    if (jobs.length === 0) return;
    try {
      batch.immediate(jobs);
      stats.commits += 1;
    } catch {
      for (const job of jobs) runAlone(job);
      stats.commits += jobs.length;
    }
    stats.writes += jobs.length;
    for (const job of jobs) {
      const outcome = job.outcome!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    }
  }

  return {
    /** Runs `work` in the next group commit; resolves once that commit is durable. */
    run<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
        scheduled ??= setImmediate(flush);
      });
    },
    /** Commits what waits now (before the vault closes). */
    flush,
    /** Commits made and writes they held (the bench's shared-fsync figure). */
    stats: (): { commits: number; writes: number } => ({ ...stats }),
  };
}

export type CommitQueue = ReturnType<typeof createCommitQueue>;
