import { performance } from 'node:perf_hooks';

/**
 * Time as the scheduler sees it, injected so tests can sleep, jump and fast-forward. `now` is the
 * wall clock (token expiries are wall-clock times); `monotonic` never jumps and, like Node's
 * timers, may stand still while the machine sleeps — the difference is how sleep shows.
 */
export interface SchedulerClock {
  now(): number;
  monotonic(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Node's timers fire early for delays past 2^31-1 ms (24.8 days): no delay may exceed this. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemSchedulerClock: SchedulerClock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (run, ms) => {
    const timer = setTimeout(run, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    // The scheduler never keeps a process alive on its own (tests, serve shutdown).
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Wraps a wall clock (e.g. the core's injected `now`) with real timers. */
export function schedulerClockFor(now: () => number): SchedulerClock {
  return { ...systemSchedulerClock, now };
}
