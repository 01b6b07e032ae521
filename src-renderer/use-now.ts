import { useEffect } from 'react';
import { create } from 'zustand';

const TICK_MS = 30_000;

interface Clock {
  now: number;
  users: number;
}

/** One clock for the whole page: a thousand rows share one timer, not one each. */
const useClock = create<Clock>(() => ({ now: Date.now(), users: 0 }));
let timer: ReturnType<typeof setInterval> | null = null;

/**
 * The clock once one more component reads it. The first reader re-reads the time (with no reader
 * the timer stopped, so it may be stale); later ones share the ticking time. Were each to re-read
 * it, every row a windowed list mounts while scrolling would move the clock by a millisecond and
 * make every screen re-date all its accounts (1,000 of them) for nothing.
 */
export function clockWithOneMore(clock: Clock, now: number): Clock {
  return { users: clock.users + 1, now: clock.users === 0 ? now : clock.now };
}

/** The current time, re-read every 30 s so relative times and due-soon days stay true. */
export function useNow(): number {
  useEffect(() => {
    useClock.setState((state) => clockWithOneMore(state, Date.now()));
    timer ??= setInterval(() => useClock.setState({ now: Date.now() }), TICK_MS);
    return () => {
      useClock.setState((state) => ({ users: state.users - 1 }));
      if (useClock.getState().users === 0 && timer) {
        clearInterval(timer);
        timer = null;
      }
    };
  }, []);
  return useClock((state) => state.now);
}
