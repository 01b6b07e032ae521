import { describe, expect, it } from 'vitest';
import { fakeClock } from '../../demo/fake-users';
import { forecastReauth, reauthWarningDue, type GrantFacts } from './reauth-forecast';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const off = { googleTestingMode: false };

function facts(platform: GrantFacts['platform'], over: Partial<GrantFacts>): GrantFacts {
  return {
    platform,
    issuedAt: null,
    accessExpiresAt: null,
    refreshExpiresAt: null,
    lastRefreshAt: null,
    consentedAt: null,
    ...over,
  };
}

describe('re-auth forecast per platform', () => {
  it('Instagram: the long-lived token’s end, moved by every extension', () => {
    const clock = fakeClock();
    const first = forecastReauth(
      facts('instagram', { issuedAt: clock.now(), accessExpiresAt: clock.now() + 60 * DAY }),
      off,
    );
    expect(first.reauthBy).toBe(clock.now() + 60 * DAY);
    clock.advance(7 * DAY); // extended after a week: 60 days from the extension
    const extended = forecastReauth(
      facts('instagram', { issuedAt: clock.now(), accessExpiresAt: clock.now() + 60 * DAY }),
      off,
    );
    expect(extended.reauthBy! - first.reauthBy!).toBe(7 * DAY);
    expect(extended.reason).toMatch(/Instagram/);
  });

  it('TikTok: the latest refresh_expires_in end, else 180 days from issue', () => {
    const clock = fakeClock();
    const stated = clock.now() + 120 * DAY;
    expect(
      forecastReauth(
        facts('tiktok', {
          issuedAt: clock.now(),
          refreshExpiresAt: stated,
          accessExpiresAt: clock.now() + 2 * HOUR,
        }),
        off,
      ).reauthBy,
    ).toBe(stated);
    expect(forecastReauth(facts('tiktok', { issuedAt: clock.now() }), off).reauthBy).toBe(
      clock.now() + 180 * DAY,
    );
  });

  it('X: about six months after the current refresh token was issued (rotation restarts it)', () => {
    const clock = fakeClock();
    const issued = clock.now();
    expect(forecastReauth(facts('x', { issuedAt: issued }), off).reauthBy).toBe(issued + 180 * DAY);
    clock.advance(2 * HOUR);
    expect(forecastReauth(facts('x', { issuedAt: clock.now() }), off).reauthBy).toBe(
      issued + 2 * HOUR + 180 * DAY,
    );
    // A stated refresh end that comes first wins.
    expect(
      forecastReauth(facts('x', { issuedAt: issued, refreshExpiresAt: issued + 30 * DAY }), off)
        .reauthBy,
    ).toBe(issued + 30 * DAY);
  });

  it('Google: six months after the last use; Testing mode ends 7 days after consent, refreshing does not help', () => {
    const clock = fakeClock();
    const consent = clock.now();
    clock.advance(3 * DAY);
    const used = facts('youtube', {
      issuedAt: clock.now(),
      lastRefreshAt: clock.now(),
      consentedAt: consent,
    });
    expect(forecastReauth(used, off).reauthBy).toBe(clock.now() + 180 * DAY);
    const testing = forecastReauth(used, { googleTestingMode: true });
    expect(testing.reauthBy).toBe(consent + 7 * DAY);
    expect(testing.reason).toMatch(/Testing mode/);
    // refresh_token_expires_in, when Google sends it, is taken as stated.
    expect(
      forecastReauth({ ...used, refreshExpiresAt: consent + 7 * DAY - 1000 }, off).reauthBy,
    ).toBe(consent + 7 * DAY - 1000);
  });

  it('knows no end without facts, and the warning opens the configured time before', () => {
    expect(forecastReauth(facts('x', {}), off)).toEqual({ reauthBy: null, reason: null });
    const forecast = { reauthBy: 100 * DAY, reason: 'r' };
    expect(reauthWarningDue(forecast, 93 * DAY - 1, 7 * DAY)).toBe(false);
    expect(reauthWarningDue(forecast, 93 * DAY, 7 * DAY)).toBe(true);
    expect(reauthWarningDue({ reauthBy: null, reason: null }, 1e15, 7 * DAY)).toBe(false);
  });
});
