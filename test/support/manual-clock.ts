import type { SchedulerClock } from '../../src-main/core/refresh/scheduler-clock';

interface Pending {
  id: number;
  at: number;
  run: () => void;
}

/**
 * A scheduler clock tests drive by hand. `advance` moves both clocks and fires due timers in
 * order; `sleep` moves only the wall clock, as a suspended laptop does (Node's timers stand
 * still); `jump` is the same for a clock change. Wraps a base wall clock the fakes share.
 * `maxFires` caps the timers one `advance` may fire, so code that re-arms a zero delay for ever
 * fails the test instead of hanging it.
 */
export function manualClock(
  base: { now(): number; advance(ms: number): void },
  options: { maxFires?: number } = {},
) {
  const maxFires = options.maxFires ?? Infinity;
  let mono = 0;
  let nextId = 1;
  const pending: Pending[] = [];
  const delays: number[] = [];
  const settle = async () => {
    for (let i = 0; i < 6; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };
  const clock: SchedulerClock = {
    now: base.now,
    monotonic: () => mono,
    setTimeout(run, ms) {
      delays.push(ms);
      const entry = { id: nextId++, at: mono + Math.max(0, ms), run };
      pending.push(entry);
      return entry.id;
    },
    clearTimeout(handle) {
      const index = pending.findIndex((entry) => entry.id === handle);
      if (index >= 0) pending.splice(index, 1);
    },
  };
  return {
    clock,
    /** Every delay ever asked for (ms). */
    delays,
    /** Timers currently armed. */
    get armed() {
      return pending.length;
    },
    settle,
    async advance(ms: number): Promise<void> {
      const target = mono + ms;
      for (let fired = 0; ; fired += 1) {
        if (fired >= maxFires) throw new Error(`more than ${maxFires} timers fired in one advance`);
        await settle();
        pending.sort((a, b) => a.at - b.at || a.id - b.id);
        const next = pending[0];
        if (!next || next.at > target) break;
        pending.shift();
        base.advance(next.at - mono);
        mono = next.at;
        next.run();
      }
      base.advance(target - mono);
      mono = target;
      await settle();
    },
    /** The machine sleeps `ms`: wall time passes, timers do not notice. */
    sleep(ms: number): void {
      base.advance(ms);
    },
  };
}
