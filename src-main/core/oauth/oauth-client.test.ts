import { describe, expect, it } from 'vitest';
import { classifyByStatus, PlatformError, type HttpFailure } from '../net/platform-error';
import { ATTEMPT, callbackOf, scripted } from '../../../test/support/scripted-http';
import { buildAuthorizeUrl } from './authorize-url';
import { createOAuthClient, type OAuthServer } from './oauth-client';
import { classifyOAuthError } from './oauth-errors';

const SERVER: OAuthServer = {
  issuer: 'https://auth.example.com',
  authorizationEndpoint: 'https://auth.example.com/authorize',
  tokenEndpoint: 'https://api.example.com/token',
  revocationEndpoint: 'https://api.example.com/revoke',
};
const ACCESS = 'at-SECRET-access-value';
const REFRESH = 'rt-SECRET-refresh-value';
const classify = (failure: HttpFailure) =>
  classifyOAuthError(failure, 'Example', null) ?? classifyByStatus(failure, null);

function setup(extra: { errorsInSuccessBody?: boolean } = {}) {
  const s = scripted({ origins: { 'https://api.example.com': 'http://127.0.0.1:9' } });
  const client = createOAuthClient({
    server: SERVER,
    http: s.context.http,
    now: s.context.now,
    classify,
    platformName: 'Example',
    ...extra,
  });
  return { ...s, client };
}

const callback = callbackOf({ code: 'the-code', state: ATTEMPT.state });
const exchange = (
  c: ReturnType<typeof setup>['client'],
  auth: Parameters<typeof c.refresh>[0]['auth'],
) =>
  c.exchangeCode({ clientId: 'cid', auth }, { ...ATTEMPT, callback, fallbackScopes: ['a', 'b'] });

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

describe('buildAuthorizeUrl', () => {
  it('carries the standard parameters, the S256 method and extras', () => {
    const url = buildAuthorizeUrl(SERVER, {
      clientId: 'cid',
      redirectUri: ATTEMPT.redirectUri,
      scopes: ['a', 'b'],
      state: 's',
      codeChallenge: 'c',
      extra: { prompt: 'consent' },
    });
    expect(url.origin + url.pathname).toBe(SERVER.authorizationEndpoint);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'cid',
      redirect_uri: ATTEMPT.redirectUri,
      scope: 'a b',
      state: 's',
      code_challenge: 'c',
      code_challenge_method: 'S256',
      prompt: 'consent',
    });
  });
});

describe('createOAuthClient', () => {
  it('exchanges a code through the origin table with PKCE; client_id in the body for a public client', async () => {
    const t = setup();
    t.answer({
      body: {
        access_token: ACCESS,
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: REFRESH,
        scope: 'a b',
      },
    });
    const sentAt = t.clock.now;
    const grant = await exchange(t.client, { method: 'none' });
    const request = t.requests[0]!;
    expect(request.url.href).toBe('http://127.0.0.1:9/token');
    expect(request.method).toBe('POST');
    expect(Object.fromEntries(request.form)).toEqual({
      client_id: 'cid',
      code: 'the-code',
      code_verifier: ATTEMPT.codeVerifier,
      grant_type: 'authorization_code',
      redirect_uri: ATTEMPT.redirectUri,
    });
    expect(request.headers.get('authorization')).toBeNull();
    expect(grant.tokens).toEqual({
      accessToken: ACCESS,
      refreshToken: REFRESH,
      scopes: ['a', 'b'],
      issuedAt: sentAt,
      // Counted from when the request was sent, not when the answer came (5 s later here).
      accessExpiresAt: sentAt + 3_600_000,
      refreshExpiresAt: null,
    });
    expect(grant.fields).not.toHaveProperty('access_token');
    expect(grant.fields).not.toHaveProperty('refresh_token');
  });

  it('uses HTTP Basic and no secret in the body when told to', async () => {
    const t = setup();
    t.answer({ body: { access_token: ACCESS, token_type: 'bearer' } });
    await exchange(t.client, { method: 'client_secret_basic', secret: 'shh' });
    const request = t.requests[0]!;
    expect(request.headers.get('authorization')).toBe(
      `Basic ${Buffer.from('cid:shh').toString('base64')}`,
    );
    expect(request.form.has('client_secret')).toBe(false);
    expect(request.form.has('client_id')).toBe(false);
  });

  it('form-encodes Basic credentials per RFC 6749 unless told to send them raw', async () => {
    const t = setup();
    t.answer(
      { body: { access_token: ACCESS, token_type: 'bearer' } },
      { body: { access_token: ACCESS, token_type: 'bearer' } },
    );
    const auth = { method: 'client_secret_basic' as const, secret: 'a-b_c' };
    await exchange(t.client, auth);
    await exchange(t.client, { ...auth, rawCredentials: true });
    const decoded = t.requests.map((r) =>
      Buffer.from(r.headers.get('authorization')!.slice(6), 'base64').toString(),
    );
    expect(decoded).toEqual(['cid:a%2Db%5Fc', 'cid:a-b_c']);
  });

  it('puts id and secret in the body for client_secret_post', async () => {
    const t = setup();
    t.answer({ body: { access_token: ACCESS, token_type: 'bearer' } });
    await exchange(t.client, { method: 'client_secret_post', secret: 'shh' });
    expect(t.requests[0]!.form.get('client_id')).toBe('cid');
    expect(t.requests[0]!.form.get('client_secret')).toBe('shh');
    expect(t.requests[0]!.headers.get('authorization')).toBeNull();
  });

  it('reports an absent refresh token as null, so the stored one is kept', async () => {
    const t = setup();
    t.answer({ body: { access_token: ACCESS, token_type: 'bearer', expires_in: 60 } });
    const grant = await t.client.refresh({ clientId: 'cid', auth: { method: 'none' } }, REFRESH, [
      'kept',
    ]);
    expect(grant.tokens.refreshToken).toBeNull();
    expect(grant.tokens.scopes).toEqual(['kept']);
    expect(t.requests[0]!.form.get('grant_type')).toBe('refresh_token');
    expect(t.requests[0]!.form.get('refresh_token')).toBe(REFRESH);
  });

  it('never hands back an empty refresh token: oauth4webapi refuses the answer', async () => {
    const t = setup();
    t.answer({ body: { access_token: ACCESS, token_type: 'bearer', refresh_token: '' } });
    const error = await failure(
      t.client.refresh({ clientId: 'cid', auth: { method: 'none' } }, REFRESH, []),
    );
    expect(error.code).toBe('platform_bad_response');
  });

  it('classifies invalid_grant as needs_reauth on refresh and as a refused code on exchange', async () => {
    const t = setup();
    const invalid = {
      status: 400,
      body: { error: 'invalid_grant', error_description: `bad ${REFRESH}` },
    };
    t.answer(invalid, invalid);
    const refresh = await failure(
      t.client.refresh({ clientId: 'cid', auth: { method: 'none' } }, REFRESH, []),
    );
    expect([refresh.kind, refresh.code, refresh.platformCode]).toEqual([
      'needs_reauth',
      'token_rejected',
      'invalid_grant',
    ]);
    const code = await failure(exchange(t.client, { method: 'none' }));
    expect([code.kind, code.code]).toEqual(['needs_reauth', 'oauth_code_rejected']);
    for (const error of [refresh, code]) expect(error.message).not.toContain('SECRET');
  });

  it('sends 5xx pages, 429 and hangs to backoff, not to re-auth', async () => {
    const t = setup();
    t.answer(
      { status: 503, body: '<html>down</html>' },
      { status: 429, body: '', headers: { 'retry-after': '30' } },
      new Error('socket hang up'),
    );
    const auth = { clientId: 'cid', auth: { method: 'none' as const } };
    const down = await failure(t.client.refresh(auth, REFRESH, []));
    expect([down.kind, down.status]).toEqual(['retry', 503]);
    const limited = await failure(t.client.refresh(auth, REFRESH, []));
    expect([limited.kind, limited.status]).toEqual(['rate_limited', 429]);
    const network = await failure(t.client.refresh(auth, REFRESH, []));
    expect([network.kind, network.code]).toEqual(['retry', 'platform_unreachable']);
  });

  it('turns token answers that are not JSON or lack fields into platform_bad_response without echoing them', async () => {
    const t = setup();
    t.answer(
      { status: 200, body: 'access_token=at-SECRET' },
      { body: { token_type: 'bearer' } },
      { body: { access_token: ACCESS } },
      { body: { access_token: ACCESS, token_type: 'mac' } },
      { body: { access_token: ACCESS, token_type: 'bearer', expires_in: 'soon' } },
    );
    const auth = { clientId: 'cid', auth: { method: 'none' as const } };
    for (let i = 0; i < 5; i += 1) {
      const error = await failure(t.client.refresh(auth, REFRESH, []));
      expect(error.code).toBe('platform_bad_response');
      expect(error.message).not.toContain('SECRET');
      expect(error.cause).toBeUndefined();
    }
  });

  it('checks errors inside HTTP 200 bodies when the platform sends them there', async () => {
    const t = setup({ errorsInSuccessBody: true });
    t.answer({
      status: 200,
      body: { error: 'invalid_grant', error_description: 'used', log_id: 'x' },
    });
    const error = await failure(
      t.client.refresh({ clientId: 'cid', auth: { method: 'none' } }, REFRESH, []),
    );
    expect([error.kind, error.status]).toEqual(['needs_reauth', 200]);
  });

  it('refuses a callback with another state or no code before any request', async () => {
    const t = setup();
    const wrong = await failure(
      t.client.exchangeCode(
        { clientId: 'cid', auth: { method: 'none' } },
        { ...ATTEMPT, callback: callbackOf({ code: 'c', state: 'other' }), fallbackScopes: [] },
      ),
    );
    expect(wrong.code).toBe('oauth_code_rejected');
    const denied = await failure(
      t.client.exchangeCode(
        { clientId: 'cid', auth: { method: 'none' } },
        {
          ...ATTEMPT,
          callback: callbackOf({ error: 'access_denied', state: ATTEMPT.state }),
          fallbackScopes: [],
        },
      ),
    );
    expect(denied.code).toBe('oauth_denied');
    expect(t.requests).toHaveLength(0);
  });

  it('accepts an RFC 9207 `iss` naming the issuer at its origin-table stand-in', async () => {
    const s = scripted({
      origins: {
        'https://auth.example.com': 'http://127.0.0.1:8',
        'https://api.example.com': 'http://127.0.0.1:9',
      },
    });
    const client = createOAuthClient({
      server: SERVER,
      http: s.context.http,
      now: s.context.now,
      classify,
      platformName: 'Example',
    });
    s.answer({ body: { access_token: ACCESS, token_type: 'bearer' } });
    const grant = await client.exchangeCode(
      { clientId: 'cid', auth: { method: 'none' } },
      {
        ...ATTEMPT,
        callback: callbackOf({ code: 'c', state: ATTEMPT.state, iss: 'http://127.0.0.1:8' }),
        fallbackScopes: [],
      },
    );
    expect(grant.tokens.accessToken).toBe(ACCESS);
  });

  it('revokes with token and token_type_hint (RFC 7009)', async () => {
    const t = setup();
    t.answer({ status: 200, body: '' });
    await t.client.revoke({ clientId: 'cid', auth: { method: 'none' } }, REFRESH, {
      tokenTypeHint: 'refresh_token',
    });
    expect(t.requests[0]!.url.href).toBe('http://127.0.0.1:9/revoke');
    expect(Object.fromEntries(t.requests[0]!.form)).toEqual({
      client_id: 'cid',
      token: REFRESH,
      token_type_hint: 'refresh_token',
    });
  });
});
