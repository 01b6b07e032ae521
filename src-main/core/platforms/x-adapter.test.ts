import { describe, expect, it } from 'vitest';
import { s256Challenge } from '../oauth/pkce';
import {
  ATTEMPT,
  CLIENT,
  PUBLIC_CLIENT,
  callbackOf,
  rejectionOf,
  scriptedAdapter,
  storedSecrets,
} from '../../../test/support/scripted-http';
import { createXAdapter } from './x-adapter';

const SECRETS = storedSecrets({
  platform: 'x',
  accessToken: 'xat-SECRET',
  refreshToken: 'xrt-SECRET',
  scopes: ['tweet.read'],
});
const TOKEN = {
  token_type: 'bearer',
  expires_in: 7200,
  access_token: 'xat2',
  scope: 'tweet.read users.read tweet.write offline.access',
  refresh_token: 'xrt2',
};

const setup = () => scriptedAdapter('x', createXAdapter);
const callback = callbackOf({ code: 'c', state: ATTEMPT.state });

describe('X adapter', () => {
  it('authorizes with space-separated scopes and S256', async () => {
    const { adapter } = setup();
    const url = await adapter.authorizeUrl(ATTEMPT, PUBLIC_CLIENT);
    expect(url.origin + url.pathname).toBe('https://x.com/i/oauth2/authorize');
    expect(url.searchParams.get('scope')).toBe('tweet.read users.read tweet.write offline.access');
    expect(url.searchParams.get('code_challenge')).toBe(await s256Challenge(ATTEMPT.codeVerifier));
  });

  it('refuses a state longer than X accepts', async () => {
    const error = await rejectionOf(
      setup().adapter.authorizeUrl({ ...ATTEMPT, state: 'a'.repeat(501) }, PUBLIC_CLIENT),
    );
    expect(error.kind).toBe('bad_configuration');
  });

  it('is a public client without a secret: client_id in the body, no Authorization header', async () => {
    const t = setup();
    t.answer({ body: TOKEN });
    const result = await t.adapter.exchangeCode(callback, ATTEMPT, PUBLIC_CLIENT);
    expect(t.requests[0]!.url.href).toBe('https://api.x.com/2/oauth2/token');
    expect(t.requests[0]!.form.get('client_id')).toBe('client-id');
    expect(t.requests[0]!.headers.get('authorization')).toBeNull();
    expect(result.grantedScopes).toEqual([
      'tweet.read',
      'users.read',
      'tweet.write',
      'offline.access',
    ]);
  });

  it('switches to HTTP Basic when a secret is configured, on exchange, refresh and revoke', async () => {
    const t = setup();
    t.answer(
      { body: TOKEN },
      { body: TOKEN },
      { body: { revoked: true } },
      { body: { revoked: true } },
    );
    await t.adapter.exchangeCode(callback, ATTEMPT, CLIENT);
    await t.adapter.refresh(SECRETS, CLIENT);
    await t.adapter.revoke(SECRETS, CLIENT);
    const basic = `Basic ${Buffer.from('client-id:client-SECRET').toString('base64')}`;
    for (const request of t.requests) {
      expect(request.headers.get('authorization')).toBe(basic);
      expect(request.form.has('client_secret')).toBe(false);
    }
  });

  it('rotates on refresh', async () => {
    const t = setup();
    t.answer({ body: TOKEN });
    const tokens = await t.adapter.refresh(SECRETS, PUBLIC_CLIENT);
    expect(t.requests[0]!.form.get('refresh_token')).toBe('xrt-SECRET');
    expect(tokens.refreshToken).toBe('xrt2');
  });

  it('treats 400 invalid_request "Value passed for the token was invalid." as re-auth', async () => {
    const t = setup();
    const bad = {
      status: 400,
      body: {
        error: 'invalid_request',
        error_description: 'Value passed for the token was invalid.',
      },
    };
    t.answer(bad, bad);
    const refresh = await rejectionOf(t.adapter.refresh(SECRETS, PUBLIC_CLIENT));
    expect([refresh.kind, refresh.code]).toEqual(['needs_reauth', 'token_rejected']);
    const code = await rejectionOf(t.adapter.exchangeCode(callback, ATTEMPT, PUBLIC_CLIENT));
    expect([code.kind, code.code]).toEqual(['needs_reauth', 'oauth_code_rejected']);
  });

  it('revokes the refresh token, then the access token', async () => {
    const t = setup();
    t.answer({ body: { revoked: true } }, { status: 503, body: 'down' });
    expect(await t.adapter.revoke(SECRETS, PUBLIC_CLIENT)).toEqual({ revoked: true });
    expect(
      t.requests.map((r) => [
        r.url.pathname,
        r.form.get('token'),
        r.form.get('token_type_hint'),
        r.form.get('client_id'),
      ]),
    ).toEqual([
      ['/2/oauth2/revoke', 'xrt-SECRET', 'refresh_token', 'client-id'],
      ['/2/oauth2/revoke', 'xat-SECRET', 'access_token', 'client-id'],
    ]);
  });

  it('reads the profile and reports the rate-limit headers', async () => {
    const t = setup();
    t.answer({
      body: {
        data: {
          id: '42',
          name: 'Ex',
          username: 'ex',
          profile_image_url: 'https://pi',
          public_metrics: { followers_count: 77 },
          verified: false,
          protected: false,
        },
      },
      headers: {
        'x-rate-limit-limit': '75',
        'x-rate-limit-remaining': '74',
        'x-rate-limit-reset': '1800000900',
      },
    });
    const step = await t.adapter.profile('xat', PUBLIC_CLIENT);
    expect(step.kind === 'profile' && step.profile).toMatchObject({
      platformUserId: '42',
      handle: 'ex',
      followers: 77,
      displayName: 'Ex',
    });
    expect(t.requests[0]!.url.searchParams.get('user.fields')).toBe(
      'profile_image_url,public_metrics,verified,protected',
    );
    expect(t.rateLimits).toEqual([
      { provider: 'x', path: '/2/users/me', limit: 75, remaining: 74, resetAt: 1_800_000_900_000 },
    ]);
  });

  it('probes users/me; a suspended user is an account problem, a 429 carries its reset', async () => {
    const t = setup();
    t.answer(
      {
        status: 403,
        body: { title: 'Forbidden', detail: 'Forbidden', type: 'about:blank', status: 403 },
      },
      {
        status: 429,
        body: { title: 'Too Many Requests', status: 429 },
        headers: { 'x-rate-limit-reset': '1800000999', 'x-rate-limit-remaining': '0' },
      },
    );
    const suspended = await rejectionOf(t.adapter.probe('xat', PUBLIC_CLIENT));
    expect([suspended.kind, suspended.code]).toEqual(['account_problem', 'account_suspended']);
    const limited = await rejectionOf(t.adapter.probe('xat', PUBLIC_CLIENT));
    expect([limited.kind, limited.resetAt]).toEqual(['rate_limited', 1_800_000_999_000]);
    expect(t.rateLimits.at(-1)).toMatchObject({ remaining: 0, resetAt: 1_800_000_999_000 });
    expect(t.requests[0]!.url.search).toBe('');
  });
});
