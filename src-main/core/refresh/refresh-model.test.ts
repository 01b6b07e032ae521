import { describe, expect, it } from 'vitest';
import {
  BACKOFF_CAP_MS,
  backoffDelayMs,
  fingerprint,
  isRotating,
  MAX_JITTER_MS,
  plannedRefreshAt,
} from './refresh-model';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const MARGIN = 5 * MIN;
const T0 = Date.UTC(2026, 10, 25, 12);

describe('refresh model', () => {
  it('refreshes X and TikTok tokens the margin before expiry, jitter only ever earlier and small', () => {
    for (const provider of ['x', 'tiktok'] as const) {
      const times = { provider, issuedAt: T0, accessExpiresAt: T0 + 2 * HOUR, lastRefreshAt: null };
      expect(plannedRefreshAt(times, MARGIN, 0)).toBe(T0 + 2 * HOUR - MARGIN);
      const latest = plannedRefreshAt(times, MARGIN, 0.999_999)!;
      expect(latest).toBeLessThan(T0 + 2 * HOUR - MARGIN);
      expect(T0 + 2 * HOUR - MARGIN - latest).toBeLessThanOrEqual(MAX_JITTER_MS);
    }
  });

  it('uses half the lifetime when the token lives less than two margins', () => {
    const times = {
      provider: 'x' as const,
      issuedAt: T0,
      accessExpiresAt: T0 + 8 * MIN,
      lastRefreshAt: null,
    };
    expect(plannedRefreshAt(times, MARGIN, 0)).toBe(T0 + 4 * MIN);
    // Exactly two margins is not shorter: the margin applies.
    const ten = { ...times, accessExpiresAt: T0 + 10 * MIN };
    expect(plannedRefreshAt(ten, MARGIN, 0)).toBe(T0 + 5 * MIN);
    // The jitter stays within 10 % of the lead.
    expect(T0 + 4 * MIN - plannedRefreshAt(times, MARGIN, 0.999)!).toBeLessThanOrEqual(24_000);
  });

  it('follows the margin setting', () => {
    const times = {
      provider: 'tiktok' as const,
      issuedAt: T0,
      accessExpiresAt: T0 + 2 * HOUR,
      lastRefreshAt: null,
    };
    expect(plannedRefreshAt(times, 15 * MIN, 0)).toBe(T0 + 2 * HOUR - 15 * MIN);
  });

  it('extends Instagram and Facebook long-lived tokens weekly, not near day 60', () => {
    for (const provider of ['instagram', 'facebook'] as const) {
      const times = { provider, issuedAt: T0, accessExpiresAt: T0 + 60 * DAY, lastRefreshAt: null };
      expect(plannedRefreshAt(times, MARGIN, 0)).toBe(T0 + 7 * DAY);
      // A token without a stated expiry is still extended weekly.
      expect(plannedRefreshAt({ ...times, accessExpiresAt: null }, MARGIN, 0)).toBe(T0 + 7 * DAY);
      // A token about to expire sooner than a week goes by its expiry, never after it.
      const short = { ...times, accessExpiresAt: T0 + 3 * DAY };
      expect(plannedRefreshAt(short, MARGIN, 0)).toBe(T0 + 3 * DAY - MARGIN);
    }
  });

  it('exercises a Google refresh token at least weekly even when the access token says otherwise', () => {
    const long = {
      provider: 'youtube' as const,
      issuedAt: T0,
      accessExpiresAt: T0 + 30 * DAY,
      lastRefreshAt: T0 - DAY,
    };
    expect(plannedRefreshAt(long, MARGIN, 0)).toBe(T0 + 6 * DAY);
    const hourly = { ...long, accessExpiresAt: T0 + HOUR };
    expect(plannedRefreshAt(hourly, MARGIN, 0)).toBe(T0 + HOUR - MARGIN);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffDelayMs(1, 0)).toBe(15_000);
    expect(backoffDelayMs(1, 1)).toBe(30_000);
    expect(backoffDelayMs(2, 1)).toBe(60_000);
    expect(backoffDelayMs(3, 0.5)).toBe(90_000);
    expect(backoffDelayMs(50, 1)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelayMs(50, 0)).toBe(BACKOFF_CAP_MS / 2);
  });

  it('names the rotating platforms and fingerprints tokens without revealing them', () => {
    expect(
      ['x', 'tiktok', 'youtube', 'instagram', 'facebook'].map((p) => isRotating(p as 'x')),
    ).toEqual([true, true, false, false, false]);
    const print = fingerprint('xrt-secret-value');
    expect(print).toMatch(/^[0-9a-f]{10}$/);
    expect(print).toBe(fingerprint('xrt-secret-value'));
    expect(fingerprint(null)).toBe('none');
  });
});
