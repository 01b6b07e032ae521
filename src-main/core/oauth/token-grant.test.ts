import { describe, expect, it } from 'vitest';
import { parseScopes, toTokenGrant } from './token-grant';

describe('toTokenGrant', () => {
  it('counts lifetimes from the send time and keeps secrets out of `fields`', () => {
    const grant = toTokenGrant(
      {
        access_token: 'a',
        refresh_token: 'r',
        expires_in: 7200,
        refresh_expires_in: 15_552_000,
        open_id: 'u1',
        scope: 'x,y',
      },
      1_000,
      [],
    );
    expect(grant.tokens).toMatchObject({
      issuedAt: 1_000,
      accessExpiresAt: 1_000 + 7_200_000,
      refreshExpiresAt: 1_000 + 15_552_000_000,
      scopes: ['x', 'y'],
    });
    expect(grant.fields).toEqual({
      expires_in: 7200,
      refresh_expires_in: 15_552_000,
      open_id: 'u1',
      scope: 'x,y',
    });
  });

  it('maps an absent or empty refresh token to null (keep the stored one)', () => {
    expect(toTokenGrant({ access_token: 'a' }, 0, ['s']).tokens.refreshToken).toBeNull();
    expect(
      toTokenGrant({ access_token: 'a', refresh_token: '' }, 0, []).tokens.refreshToken,
    ).toBeNull();
    expect(toTokenGrant({ access_token: 'a' }, 0, ['s']).tokens.scopes).toEqual(['s']);
    expect(toTokenGrant({ access_token: 'a' }, 0, []).tokens.accessExpiresAt).toBeNull();
  });

  it('reads scopes separated by spaces or commas, or listed', () => {
    expect(parseScopes('a b')).toEqual(['a', 'b']);
    expect(parseScopes('a,b')).toEqual(['a', 'b']);
    expect(parseScopes(['a', '', 'b'])).toEqual(['a', 'b']);
    expect(parseScopes(undefined)).toBeNull();
  });
});
