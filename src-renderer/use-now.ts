import { useEffect } from 'react';
import { create } from 'zustand';

const TICK_MS = 30_000;

/** One clock for the whole page: a thousand rows share one timer, not one each. */
const useClock = create<{ now: number; users: number }>(() => ({ now: Date.now(), users: 0 }));
let timer: ReturnType<typeof setInterval> | null = null;

/** The current time, re-read every 30 s so relative times and due-soon days stay true. */
export function useNow(): number {
  useEffect(() => {
    useClock.setState((state) => ({ users: state.users + 1, now: Date.now() }));
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
