import { describe, expect, it } from 'vitest';
import { hexS256Challenge, s256Challenge } from '../oauth/pkce';
import {
  ATTEMPT,
  CLIENT,
  PUBLIC_CLIENT,
  callbackOf,
  failureOf,
  rejectionOf,
  scriptedAdapter,
  storedSecrets,
} from '../../../test/support/scripted-http';
import { classifyTikTok, createTikTokAdapter, tiktokProfileFields } from './tiktok-adapter';

const SECRETS = storedSecrets({
  platform: 'tiktok',
  accessToken: 'act-SECRET',
  refreshToken: 'rft-SECRET-1',
  scopes: ['user.info.basic', 'video.upload'],
  refreshExpiresAt: 0,
});
const OK = { code: 'ok', message: '', log_id: 'l' };

const setup = () => scriptedAdapter('tiktok', createTikTokAdapter);
const callback = callbackOf({
  code: 'c',
  state: ATTEMPT.state,
  scopes: 'user.info.basic,video.upload',
});

describe('TikTok adapter', () => {
  it('authorizes with client_key, comma scopes and the HEX challenge at /callback/', async () => {
    const { adapter } = setup();
    const url = await adapter.authorizeUrl(
      { ...ATTEMPT, redirectUri: 'http://127.0.0.1:5000/callback/' },
      CLIENT,
    );
    const q = url.searchParams;
    expect(url.origin + url.pathname).toBe('https://www.tiktok.com/v2/auth/authorize/');
    expect(q.get('client_key')).toBe('client-id');
    expect(q.has('client_id')).toBe(false);
    expect(q.get('scope')).toBe('user.info.basic,user.info.profile,user.info.stats,video.upload');
    expect(q.get('code_challenge')).toBe(hexS256Challenge(ATTEMPT.codeVerifier));
    expect(q.get('code_challenge')).not.toBe(await s256Challenge(ATTEMPT.codeVerifier));
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(adapter.callbackPath).toBe('/callback/');
  });

  it('reads the granted scopes from the redirect', () => {
    const { adapter } = setup();
    expect(
      adapter.scopesFromCallback(callbackOf({ scopes: 'user.info.basic,video.upload' })),
    ).toEqual(['user.info.basic', 'video.upload']);
    expect(adapter.scopesFromCallback(callbackOf({ code: 'c' }))).toBeNull();
  });

  it('exchanges with client_key + client_secret in the body and keeps refresh_expires_in', async () => {
    const t = setup();
    t.answer({
      body: {
        access_token: 'act',
        expires_in: 86400,
        open_id: 'o1',
        refresh_expires_in: 31536000,
        refresh_token: 'rft',
        scope: 'user.info.basic,video.upload',
        token_type: 'Bearer',
      },
    });
    const sentAt = t.clock.now;
    const result = await t.adapter.exchangeCode(callback, ATTEMPT, CLIENT);
    const form = t.requests[0]!.form;
    expect(t.requests[0]!.url.href).toBe('https://open.tiktokapis.com/v2/oauth/token/');
    expect(form.get('client_key')).toBe('client-id');
    expect(form.get('client_secret')).toBe('client-SECRET');
    expect(form.has('client_id')).toBe(false);
    expect(form.get('code_verifier')).toBe(ATTEMPT.codeVerifier);
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(result.tokens.refreshExpiresAt).toBe(sentAt + 31_536_000_000);
    expect(result.grantedScopes).toEqual(['user.info.basic', 'video.upload']);
  });

  it('rotates: the refresh answer’s new refresh token and lifetime are returned', async () => {
    const t = setup();
    t.answer({
      body: {
        access_token: 'act2',
        expires_in: 7200,
        refresh_token: 'rft-2',
        refresh_expires_in: 15_552_000,
        token_type: 'Bearer',
        scope: 'user.info.basic',
      },
    });
    const sentAt = t.clock.now;
    const tokens = await t.adapter.refresh(SECRETS, CLIENT);
    expect(t.requests[0]!.form.get('refresh_token')).toBe('rft-SECRET-1');
    expect(tokens.refreshToken).toBe('rft-2');
    expect(tokens.accessExpiresAt).toBe(sentAt + 7_200_000);
    expect(tokens.refreshExpiresAt).toBe(sentAt + 15_552_000_000);
  });

  it('treats an error inside an HTTP 200 body as the error it is', async () => {
    const t = setup();
    t.answer({
      status: 200,
      body: {
        error: 'invalid_grant',
        error_description: 'Refresh token is invalid or expired.',
        log_id: 'l',
      },
    });
    const error = await rejectionOf(t.adapter.refresh(SECRETS, CLIENT));
    expect([error.kind, error.code]).toEqual(['needs_reauth', 'token_rejected']);
  });

  it('needs a client secret', async () => {
    const error = await rejectionOf(setup().adapter.refresh(SECRETS, PUBLIC_CLIENT));
    expect(error.code).toBe('platform_not_configured');
  });

  it('asks only for the profile fields the granted scopes allow', async () => {
    expect(tiktokProfileFields(['user.info.basic'])).toEqual([
      'open_id',
      'avatar_url',
      'display_name',
    ]);
    expect(tiktokProfileFields(['user.info.basic', 'user.info.stats'])).toContain('follower_count');
    expect(tiktokProfileFields(['user.info.basic', 'user.info.stats'])).not.toContain('username');
    const t = setup();
    t.answer({
      body: {
        data: {
          user: {
            open_id: 'o1',
            display_name: 'Dee',
            avatar_url: 'https://a',
            username: 'dee',
            follower_count: 9,
          },
        },
        error: OK,
      },
    });
    const step = await t.adapter.profile('act', CLIENT, [
      'user.info.basic',
      'user.info.profile',
      'user.info.stats',
    ]);
    expect(t.requests[0]!.url.searchParams.get('fields')).toBe(
      'open_id,avatar_url,display_name,username,is_verified,follower_count,video_count',
    );
    expect(t.requests[0]!.headers.get('authorization')).toBe('Bearer act');
    expect(step.kind === 'profile' && step.profile).toMatchObject({
      platform: 'tiktok',
      platformUserId: 'o1',
      handle: 'dee',
      followers: 9,
    });
  });

  it('falls back to basic fields when TikTok says a scope is not authorized', async () => {
    const t = setup();
    t.answer(
      {
        status: 401,
        body: { data: {}, error: { code: 'scope_not_authorized', message: 'm', log_id: 'l' } },
      },
      { body: { data: { user: { open_id: 'o1', display_name: 'Dee' } }, error: OK } },
    );
    const step = await t.adapter.profile('act', CLIENT, ['user.info.basic', 'user.info.stats']);
    expect(step.kind === 'profile' && step.profile.followers).toBeNull();
    expect(t.requests[1]!.url.searchParams.get('fields')).toBe('open_id,avatar_url,display_name');
  });

  it('revokes the access token with client_key and client_secret', async () => {
    const t = setup();
    t.answer({ status: 200, body: '' });
    expect(await t.adapter.revoke(SECRETS, CLIENT)).toEqual({ revoked: true });
    expect(t.requests[0]!.url.href).toBe('https://open.tiktokapis.com/v2/oauth/revoke/');
    expect(Object.fromEntries(t.requests[0]!.form)).toEqual({
      client_key: 'client-id',
      client_secret: 'client-SECRET',
      token: 'act-SECRET',
    });
  });

  it('probes with open_id only; an API error in a 200 body fails the probe', async () => {
    const t = setup();
    t.answer({
      status: 200,
      body: { data: {}, error: { code: 'access_token_invalid', message: 'm', log_id: 'l' } },
    });
    const error = await rejectionOf(t.adapter.probe('act', CLIENT));
    expect(error.code).toBe('token_rejected');
    expect(t.requests[0]!.url.searchParams.get('fields')).toBe('open_id');
  });
});

describe('classifyTikTok', () => {
  const api = (code: string) => ({ data: {}, error: { code, message: 'm', log_id: 'l' } });
  const table: Array<[string, ReturnType<typeof failureOf>, string, string, number | null]> = [
    [
      'invalid_grant in 200',
      failureOf('token', 200, { error: 'invalid_grant', error_description: 'd' }),
      'needs_reauth',
      'token_rejected',
      null,
    ],
    [
      'invalid_client',
      failureOf('token', 401, { error: 'invalid_client' }),
      'bad_configuration',
      'platform_bad_credentials',
      null,
    ],
    [
      'access_token_invalid',
      failureOf('api', 401, api('access_token_invalid')),
      'needs_reauth',
      'token_rejected',
      null,
    ],
    [
      'scope_not_authorized',
      failureOf('api', 401, api('scope_not_authorized')),
      'permission',
      'permission_denied',
      null,
    ],
    [
      'rate_limit_exceeded',
      failureOf('api', 429, api('rate_limit_exceeded'), { 'retry-after': '10' }),
      'rate_limited',
      'platform_rate_limited',
      10_000,
    ],
    [
      'spam_risk_too_many_posts',
      failureOf('api', 403, api('spam_risk_too_many_posts')),
      'account_problem',
      'platform_rate_limited',
      null,
    ],
    [
      'banned from posting',
      failureOf('api', 403, api('spam_risk_user_banned_from_posting')),
      'account_problem',
      'account_suspended',
      null,
    ],
    [
      'internal_error in 200',
      failureOf('api', 200, api('internal_error')),
      'retry',
      'platform_error',
      null,
    ],
    ['500', failureOf('api', 500, 'oops'), 'retry', 'platform_error', null],
  ];
  it.each(table)('%s', (_name, failure, kind, code, resetAt) => {
    const error = classifyTikTok(failure, 0);
    expect([error.kind, error.code, error.resetAt]).toEqual([kind, code, resetAt]);
  });
});
