import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../src-shared/account';
import { accountPlace } from './AccountHeading';

const account = (extra: Partial<AccountSummary>) =>
  ({
    platform: 'x',
    label: null,
    displayName: 'Maya Makes',
    handle: null,
    ...extra,
  }) as AccountSummary;

describe('where an account lives, in one line', () => {
  it('names the platform and the handle with exactly one @, whichever way the platform gave it', () => {
    expect(accountPlace(account({ handle: 'maya' }))).toBe('X · @maya');
    expect(accountPlace(account({ handle: '@maya' }))).toBe('X · @maya');
    expect(accountPlace(account({ platform: 'youtube' }))).toBe('YouTube');
  });

  it("adds the platform's name for a relabelled account only where asked", () => {
    const relabelled = account({ label: 'Main', handle: 'maya' });
    expect(accountPlace(relabelled)).toBe('X · @maya');
    expect(accountPlace(relabelled, true)).toBe('Maya Makes · X · @maya');
    expect(accountPlace(account({ handle: 'maya' }), true)).toBe('X · @maya');
  });

  it('says when an Instagram account is connected through a Facebook Page', () => {
    const instagram = { platform: 'instagram' as const, handle: 'maya' };
    expect(accountPlace(account({ ...instagram, provider: 'facebook' }))).toBe(
      'Instagram · @maya · through a Facebook Page',
    );
    expect(accountPlace(account({ ...instagram, provider: 'instagram' }))).toBe(
      'Instagram · @maya',
    );
  });
});
