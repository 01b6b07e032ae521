import { describe, expect, it } from 'vitest';
import { fixFor } from './connect-fixes';

describe('the fix offered for a failed sign-in', () => {
  it('sends configuration problems to Settings → Platforms', () => {
    expect(fixFor('platform_not_configured')).toBe('settings');
    expect(fixFor('oauth_port_in_use')).toBe('settings');
    expect(fixFor('platform_bad_credentials')).toBe('settings');
  });

  it('offers a retry where trying again can work', () => {
    expect(fixFor('oauth_denied')).toBe('retry');
    expect(fixFor('oauth_timeout')).toBe('retry');
    expect(fixFor('oauth_scope_missing')).toBe('retry');
  });

  it('offers no retry where only the message helps', () => {
    expect(fixFor('tier_limit_reached')).toBe('none');
    expect(fixFor('account_suspended')).toBe('none');
  });
});
