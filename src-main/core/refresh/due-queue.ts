import type { AccountStatus } from '../../../src-shared/account';
import { SCHEDULED_STATUSES } from '../vault/refresh-repo';

/** A planned refresh as the scheduler keeps it. */
export interface Planned {
  id: string;
  at: number;
  status: AccountStatus;
}

const SCHEDULED = new Set<AccountStatus>(SCHEDULED_STATUSES);

/**
 * The soonest planned refreshes, in memory, soonest first: a window of the vault's plan loaded
 * when accounts change (and on each timer tick), then kept up to date from each refresh's
 * result, so a storm of completions costs no scheduler queries. Accounts beyond the window come
 * with the next load, which happens as soon as the window runs dry.
 */
export function createDueQueue(size: () => number) {
  let rows: Planned[] = [];
  /** Plans the vault may hold beyond the window are at or after this (Infinity: none). */
  let horizon = Infinity;

  const indexAfter = (at: number) => {
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (rows[mid]!.at <= at) low = mid + 1;
      else high = mid;
    }
    return low;
  };

  return {
    size,
    /** Replaces the window with the vault's `size()` soonest plans (soonest first). */
    load(planned: Planned[]): void {
      rows = planned.filter((row) => SCHEDULED.has(row.status));
      horizon = planned.length < size() ? Infinity : planned[planned.length - 1]!.at;
    },
    /** Takes up to `limit` entries due at `now` that `skip` does not hold back. */
    takeDue(now: number, limit: number, skip: (id: string) => boolean): Planned[] {
      const taken: Planned[] = [];
      for (let i = 0; i < rows.length && taken.length < limit && rows[i]!.at <= now;) {
        if (skip(rows[i]!.id)) i += 1;
        else taken.push(rows.splice(i, 1)[0]!);
      }
      return taken;
    },
    /** The soonest entry `skip` does not hold back. */
    next(skip: (id: string) => boolean): Planned | undefined {
      return rows.find((row) => !skip(row.id));
    },
    /** An account's plan after its refresh: in the window if it falls inside it, else dropped. */
    update(row: Planned): void {
      rows = rows.filter((entry) => entry.id !== row.id);
      if (!SCHEDULED.has(row.status) || !Number.isFinite(row.at)) return;
      // Beyond the horizon it would jump the queue of plans the window does not hold.
      if (row.at >= horizon) return;
      rows.splice(indexAfter(row.at), 0, row);
    },
    /** True when the vault may hold plans the window does not. */
    partial: () => horizon !== Infinity,
    /** True when nothing due remains in memory but the vault may hold more due beyond. */
    dry(now: number, skip: (id: string) => boolean): boolean {
      return horizon <= now && !rows.some((row) => row.at <= now && !skip(row.id));
    },
  };
}

export type DueQueue = ReturnType<typeof createDueQueue>;
