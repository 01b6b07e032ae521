import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../src/rate-limit';
import { RATE_BURST, RATE_PER_SECOND } from '../src/relay';

// The relay's per-client bucket, at its boundaries, on an injected clock.
describe('the per-client rate limit', () => {
  it(`lets a client burst ${RATE_BURST} requests, refuses the next, and refills at ${RATE_PER_SECOND}/s`, () => {
    expect([RATE_BURST, RATE_PER_SECOND]).toEqual([30, 0.5]);
    let now = 0;
    const limiter = createRateLimiter({
      burst: RATE_BURST,
      perSecond: RATE_PER_SECOND,
      maxClients: 10,
      now: () => now,
    });
    for (let i = 0; i < RATE_BURST; i++) expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
    expect(limiter.retryAfter('a')).toBe(2);
    expect(limiter.take('b')).toBe(true);
    now += 1_999;
    expect(limiter.take('a')).toBe(false);
    now += 1;
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
  });

  it('forgets the least recently seen client past its memory, which then starts full', () => {
    let now = 0;
    const limiter = createRateLimiter({
      burst: 1,
      perSecond: 0.001,
      maxClients: 2,
      now: () => now,
    });
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('b')).toBe(true);
    now += 1;
    expect(limiter.take('a')).toBe(false);
    expect(limiter.take('c')).toBe(true); // 'b' is the stalest and is forgotten
    expect(limiter.take('a')).toBe(false);
    expect(limiter.take('b')).toBe(true);
  });
});
