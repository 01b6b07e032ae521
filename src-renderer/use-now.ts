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

/** How old the shared time may be when another component starts reading it. */
const FRESH_MS = 1_000;

/**
 * The clock once one more component reads it: the time is re-read when it is a second old or
 * more (a screen opened later dates from now, e.g. a sign-in that just started a 7-day window),
 * else shared. Were each reader to re-read it, every row a windowed list mounts while scrolling
 * would move the clock by a millisecond and make every screen re-date all its accounts (1,000 of
 * them) each time.
 */
export function clockWithOneMore(clock: Clock, now: number): Clock {
  return { users: clock.users + 1, now: now - clock.now >= FRESH_MS ? now : clock.now };
}

/**
 * Moves the page clock to now when news arrives (a new account list): the dates in it (a
 * reconnect a moment ago, the 7-day window it started) must never be judged by a time older
 * than themselves, which a shared clock up to a second or a tick old would otherwise do.
 */
export function advancePageClock(now = Date.now()): void {
  if (now > useClock.getState().now) useClock.setState({ now });
}

/** The page clock's time, as the screens read it. */
export const pageClockTime = (): number => useClock.getState().now;

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
