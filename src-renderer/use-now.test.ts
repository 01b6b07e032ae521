import { describe, expect, it } from 'vitest';
import { clockWithOneMore } from './use-now';

describe('the page clock', () => {
  it('re-reads a time a second old or more; a reader within the second shares it', () => {
    const first = clockWithOneMore({ now: 1_000, users: 0 }, 90_000);
    expect(first).toEqual({ now: 90_000, users: 1 });
    // Rows mounting while the first screen loads or scrolls keep the clock, so memos stay valid.
    expect(clockWithOneMore(first, 90_003)).toEqual({ now: 90_000, users: 2 });
    expect(clockWithOneMore(first, 90_999)).toEqual({ now: 90_000, users: 2 });
    // A screen opened later dates from now, though the 30 s tick has not come yet.
    expect(clockWithOneMore(first, 91_000)).toEqual({ now: 91_000, users: 2 });
  });
});
