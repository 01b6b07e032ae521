import { describe, expect, it } from 'vitest';
import { nextItem } from './ActionMenu';

describe('moving through a row’s Actions menu by key', () => {
  it('steps with the arrows, wrapping at both ends, and jumps with Home and End', () => {
    expect(nextItem('ArrowDown', 0, 4)).toBe(1);
    expect(nextItem('ArrowDown', 3, 4)).toBe(0);
    expect(nextItem('ArrowUp', 0, 4)).toBe(3);
    expect(nextItem('ArrowUp', 2, 4)).toBe(1);
    expect(nextItem('Home', 2, 4)).toBe(0);
    expect(nextItem('End', 1, 4)).toBe(3);
  });

  it('leaves other keys to the browser', () => {
    expect(nextItem('Enter', 1, 4)).toBeNull();
    expect(nextItem('a', 1, 4)).toBeNull();
  });
});
