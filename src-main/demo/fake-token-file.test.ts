import { describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/test-host';
import { loadTokens, saveTokens } from './fake-token-file';
import { TokenStore } from './fake-tokens';

describe("the demo platforms' memory of sign-ins", () => {
  it('accepts after a restart the tokens it issued before, and keeps revocations and rotations', () => {
    const dir = tempDir();
    try {
      const file = `${dir.path}/demo-platforms/youtube.json`;
      const before = new TokenStore(Date.now);
      const kept = before.newGrant('client', 'user-1', ['read']);
      const refresh = before.issue(kept, 'refresh', null, 'rt-');
      const access = before.issue(kept, 'access', 3600, 'at-');
      const rotated = before.issue(kept, 'refresh', null, 'rt-');
      rotated.spent = true;
      const gone = before.newGrant('client', 'user-2', ['read']);
      const revoked = before.issue(gone, 'refresh', null, 'rt-');
      before.revokeGrant(gone);
      saveTokens(before, file);

      const after = new TokenStore(Date.now);
      expect(loadTokens(after, file)).toBe(true);
      expect(after.isRefreshTokenValid(refresh.token)).toBe(true);
      expect(after.isAccessTokenValid(access.token)).toBe(true);
      expect(after.isRefreshTokenValid(rotated.token)).toBe(false);
      expect(after.isRefreshTokenValid(revoked.token)).toBe(false);
      expect(after.familyRevoked(revoked.token)).toBe(true);
      // New grants continue the numbering instead of reusing an id.
      expect(after.newGrant('client', 'user-3', []).id).toBe(3);
      // One grant object per family again: revoking it kills all of its tokens.
      after.revokeGrant(after.find(refresh.token)!.grant);
      expect(after.isAccessTokenValid(access.token)).toBe(false);
    } finally {
      dir.remove();
    }
  });

  it('starts empty when there is no file yet', () => {
    const store = new TokenStore(Date.now);
    expect(loadTokens(store, '/nonexistent/switchboard/youtube.json')).toBe(false);
    expect(store.issuedTokens).toEqual([]);
  });
});
