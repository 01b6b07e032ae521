import type { Logger } from '../logger';
import type { Vault } from '../vault/vault';
import { createDueQueue, type Planned } from './due-queue';
import type { RefreshPlan } from './refresh-service';
import type { SchedulerClock } from './scheduler-clock';
import type { SchedulerStatus, SchedulerStatusSource } from '../health/scheduler-status';

/**
 * The longest the one timer sleeps. Waking at least this often bounds how late a refresh can be
 * after the machine slept or the wall clock jumped (Node's timers do not count sleep), and keeps
 * every delay far below Node's 24.8-day timer limit: a due time beyond is reached in steps.
 */
export const HEARTBEAT_MS = 60_000;
/** While offline, look again this often (a resume or reconnect also wakes the scheduler). */
export const OFFLINE_POLL_MS = 15_000;
/** Wall and monotonic time disagreeing by more than this: the machine slept or the clock moved. */
export const CLOCK_JUMP_MS = 5_000;
export const DEFAULT_CONCURRENCY = 4;
/**
 * An account still due right after its run (a vault that cannot store, a plan that did not move)
 * waits this long before it runs again: a stuck account must never spin the scheduler.
 */
export const RERUN_COOLDOWN_MS = 5_000;

export interface SchedulerDeps {
  clock: SchedulerClock;
  vault: { current(): Vault | null };
  refresh: {
    /**
     * Resolves with the plan the run stored, when it knows it (else the scheduler reads it).
     * Calls `answered` (if it can) when the platform answered: the slot is free from then on.
     */
    refreshDue(accountId: string, answered?: () => void): Promise<RefreshPlan | undefined | void>;
    plan(vault: Vault, accountId: string): number | null;
  };
  /** A restored rotating account: probe once, then at most one refresh (token checks). */
  verify(accountId: string): Promise<void>;
  concurrency: () => number;
  /** True while no platform can be reached: the scheduler waits instead of burning retries. */
  offline?: () => boolean;
  /** Accounts were given a first plan: screens showing "next renewal" must hear of it. */
  onPlanned?: () => void;
  log: Logger;
}

/**
 * One scheduler for every account: a single timer for the next due refresh (re-planned when
 * accounts change), a concurrency limit across accounts, catch-up after sleep and clock jumps.
 */
export function createRefreshScheduler(deps: SchedulerDeps) {
  const { clock, log } = deps;
  const running = new Set<string>();
  /**
   * Runs holding one of the `concurrency` slots: a run gives its slot back when the platform
   * answered, so the next run's in-flight marker shares the commit that stores this answer
   * (one commit wait per renewal, not two). At most `concurrency` platform requests at once.
   */
  const slots = new Set<string>();
  /** Account → earliest wall time it may run again. */
  const cooldown = new Map<string, number>();
  const excluded = (id: string) => {
    const until = cooldown.get(id);
    if (until !== undefined && until <= clock.now()) cooldown.delete(id);
    return running.has(id) || cooldown.has(id);
  };
  let timer: unknown = null;
  let started = false;
  let planned = { wall: 0, mono: 0 };
  let status: SchedulerStatus = {
    running: false,
    lastTickAt: null,
    lastTickLagMs: null,
    nextDueAt: null,
  };
  let waitingOffline = false;
  const idleWaiters: (() => void)[] = [];

  const setTimer = (ms: number) => {
    if (timer !== null) clock.clearTimeout(timer);
    const delay = Math.max(0, Math.min(ms, HEARTBEAT_MS));
    planned = { wall: clock.now() + delay, mono: clock.monotonic() + delay };
    timer = clock.setTimeout(tick, delay);
  };

  /** Gives every account without a plan one (new connections, restores, migrated rows). */
  function planUnplanned(vault: Vault): void {
    let planned = 0;
    for (const id of vault.refresh.unplannedIds()) {
      try {
        const at = deps.refresh.plan(vault, id);
        vault.refresh.setNextRefresh(id, at ?? clock.now() + 7 * 86_400_000);
        planned += 1;
      } catch (error) {
        log.error('planning a refresh failed', error);
      }
    }
    // Planned after the change was announced (a connect, a restore): announce the plan too.
    if (planned > 0) deps.onPlanned?.();
  }

  /** Refreshes a crash left in flight are due now: their one labelled attempt comes first. */
  const recovered = new WeakSet<Vault>();
  function recoverInFlight(vault: Vault): void {
    if (recovered.has(vault)) return;
    recovered.add(vault);
    for (const id of vault.refresh.inFlightIds()) vault.refresh.setNextRefresh(id, clock.now());
  }

  /** The account's plan after its run: from the run's result, else read back (one row). */
  function planAfter(id: string, result: RefreshPlan | undefined | void): Planned | null {
    if (result) return { id, at: result.nextRefreshAt ?? Infinity, status: result.status };
    try {
      const state = deps.vault.current()?.refresh.state(id);
      return state ? { id, at: state.nextRefreshAt ?? Infinity, status: state.status } : null;
    } catch {
      return null; // disconnected meanwhile, or the vault is gone: nothing to hold back
    }
  }

  /**
   * The window of soonest plans (due-queue.ts), loaded when accounts change, on each timer tick,
   * for another vault, and when it runs dry; kept up to date from each run's result in between.
   */
  const queue = createDueQueue(() => Math.max(64, deps.concurrency() * 8));
  let loadedFor: Vault | null = null;
  function reload(vault: Vault): void {
    recoverInFlight(vault);
    planUnplanned(vault);
    queue.load(vault.refresh.nextPlanned(queue.size()));
    loadedFor = vault;
  }

  /** Sets the one timer; `fresh` loads the plan window first (accounts may have changed). */
  function arm(fresh = true): void {
    if (!started) return;
    const vault = deps.vault.current();
    if (!vault) return setTimer(HEARTBEAT_MS);
    try {
      for (const [id, until] of cooldown) if (until <= clock.now()) cooldown.delete(id);
      if (fresh || loadedFor !== vault) reload(vault);
      let next = queue.next(excluded);
      // The window emptied while the vault holds later plans: bring them in.
      if (!next && queue.partial()) {
        reload(vault);
        next = queue.next(excluded);
      }
      status = { ...status, nextDueAt: next?.at ?? null };
      if (slots.size >= deps.concurrency()) return setTimer(HEARTBEAT_MS);
      const cooled = cooldown.size > 0 ? Math.min(...cooldown.values()) : Infinity;
      const at = Math.min(next?.at ?? Infinity, cooled);
      setTimer(at === Infinity ? HEARTBEAT_MS : at - clock.now());
    } catch (error) {
      log.error('the refresh scheduler could not read the vault', error);
      setTimer(HEARTBEAT_MS);
    }
  }

  function tick(): void {
    timer = null;
    try {
      runTick();
    } catch (error) {
      // A failing vault (closed, locked, full) never stops the scheduler: look again later.
      log.error('the refresh scheduler tick failed', error);
      if (started) setTimer(HEARTBEAT_MS);
    }
  }

  function runTick(): void {
    const firedWall = clock.now();
    const firedMono = clock.monotonic();
    const jump = firedWall - planned.wall - (firedMono - planned.mono);
    if (Math.abs(jump) > CLOCK_JUMP_MS)
      log.warn(`clock moved ${Math.round(jump / 1000)} s (sleep or clock change); catching up`);
    status = {
      ...status,
      lastTickAt: firedWall,
      // Lateness of the event loop itself; a sleep is not the scheduler being slow.
      lastTickLagMs: Math.max(0, firedMono - planned.mono),
    };
    if (deps.offline?.()) {
      waitingOffline = true;
      return setTimer(OFFLINE_POLL_MS);
    }
    waitingOffline = false;
    const vault = deps.vault.current();
    if (vault) reload(vault);
    dispatchDue();
    arm(false);
  }

  function dispatchDue(): void {
    const vault = deps.vault.current();
    if (!vault) return;
    const capacity = deps.concurrency() - slots.size;
    if (capacity <= 0) return;
    const now = clock.now();
    if (loadedFor !== vault || queue.dry(now, excluded)) reload(vault);
    for (const row of queue.takeDue(now, capacity, excluded)) {
      const id = row.id;
      running.add(id);
      slots.add(id);
      const answered = () => {
        if (slots.delete(id)) refill();
      };
      const run = row.status === 'verify' ? deps.verify(id) : deps.refresh.refreshDue(id, answered);
      run
        .then(
          (result) => settle(id, result),
          (error: unknown) => {
            log.error('a scheduled refresh failed', error);
            settle(id, undefined);
          },
        )
        .catch((error: unknown) =>
          log.error('the refresh scheduler could not settle a run', error),
        );
    }
  }

  /** A run ended: its plan goes back into the window, and the freed slot is filled at once. */
  function settle(id: string, result: RefreshPlan | undefined | void): void {
    running.delete(id);
    slots.delete(id);
    const plan = planAfter(id, result);
    if (plan) queue.update(plan);
    if (plan && plan.at <= clock.now()) cooldown.set(id, clock.now() + RERUN_COOLDOWN_MS);
    if (running.size === 0) for (const resolve of idleWaiters.splice(0)) resolve();
    refill();
  }

  /** A slot came free: fill it at once. */
  function refill(): void {
    if (!started) return;
    try {
      dispatchDue();
    } catch (error) {
      log.error('the refresh scheduler could not read the vault', error);
    }
    arm(false);
  }

  const source: SchedulerStatusSource = { status: () => status };

  return {
    ...source,
    start(): void {
      if (started) return;
      started = true;
      status = { ...status, running: true };
      // Plans at once, so the first health evaluation already sees the schedule.
      arm();
    },
    /** Accounts changed (connect, disconnect, unlock, settings): plan again now. */
    replan: (): void => arm(),
    /** True while the scheduler runs this account's refresh (its result updates the window). */
    runs: (accountId: string): boolean => running.has(accountId),
    /** The machine woke up or came back online: look at once. */
    resume(): void {
      if (started) setTimer(0);
    },
    get waitingOffline() {
      return waitingOffline;
    },
    /** Resolves when no refresh is running (tests, shutdown). */
    idle(): Promise<void> {
      if (running.size === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    stop(): void {
      started = false;
      status = { ...status, running: false };
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
    },
  };
}

export type RefreshScheduler = ReturnType<typeof createRefreshScheduler>;
