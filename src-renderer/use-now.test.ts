import { describe, expect, it } from 'vitest';
import { clockWithOneMore } from './use-now';

describe('the page clock', () => {
  it('re-reads the time for its first reader only; later readers share the ticking time', () => {
    const first = clockWithOneMore({ now: 1_000, users: 0 }, 90_000);
    expect(first).toEqual({ now: 90_000, users: 1 });
    // A row mounting 3 ms later keeps the same clock, so memos keyed on it stay valid.
    expect(clockWithOneMore(first, 90_003)).toEqual({ now: 90_000, users: 2 });
  });
});
