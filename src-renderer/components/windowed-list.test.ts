import { describe, expect, it } from 'vitest';
import { isLongList } from './WindowedList';

describe('when an account list is windowed', () => {
  it('from 60 accounts: 59 render every row as before, 60 are windowed', () => {
    expect(isLongList(59)).toBe(false);
    expect(isLongList(60)).toBe(true);
  });
});
