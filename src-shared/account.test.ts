import { describe, expect, it } from 'vitest';
import { ACCOUNT_STATUSES, statusReason } from './account';
import { PLATFORM_IDS, PLATFORMS } from './platforms';

describe('statusReason', () => {
  it.each(PLATFORM_IDS)('names %s where the platform is the one acting', (platform) => {
    const name = PLATFORMS[platform].displayName;
    expect(statusReason('needs_reauth', platform)).toBe(
      `${name} no longer accepts this sign-in; reconnect the account.`,
    );
    expect(statusReason('rate_limited', platform)).toMatch(new RegExp(`^${name} asked`));
    expect(statusReason('account_problem', platform)).toMatch(new RegExp(`^${name} reports`));
  });

  it('never says "the platform", and gives a sentence for every status but healthy', () => {
    for (const platform of PLATFORM_IDS) {
      for (const status of ACCOUNT_STATUSES) {
        const reason = statusReason(status, platform);
        if (status === 'healthy') expect(reason).toBeNull();
        else expect(reason).toMatch(/^[A-Z].*\.$/);
        expect(reason ?? '').not.toMatch(/the platform/i);
      }
    }
  });
});
