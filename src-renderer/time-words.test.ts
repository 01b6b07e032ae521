import { describe, expect, it } from 'vitest';
import { relativeTime } from './time-words';

const now = Date.parse('2026-11-25T12:00:00Z');

describe('relative times', () => {
  it('uses the biggest unit that fits', () => {
    expect(relativeTime('2026-11-25T15:30:00Z', now)).toBe('in 3 hours');
    expect(relativeTime('2026-11-28T12:00:00Z', now)).toBe('in 3 days');
    expect(relativeTime('2026-11-25T11:55:00Z', now)).toBe('5 minutes ago');
    expect(relativeTime('2026-11-25T12:00:20Z', now)).toBe('in under a minute');
    expect(relativeTime('2026-11-24T12:00:00Z', now)).toBe('yesterday');
  });
});
