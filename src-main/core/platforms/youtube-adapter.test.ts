import { describe, expect, it } from 'vitest';
import { s256Challenge } from '../oauth/pkce';
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
import { classifyGoogle, createYouTubeAdapter, nextPacificMidnight } from './youtube-adapter';

const NOW = Date.parse('2026-11-25T20:00:00Z');
const SECRETS = storedSecrets({
  platform: 'youtube',
  accessToken: 'at-SECRET',
  refreshToken: 'rt-SECRET',
  scopes: ['s'],
});

const setup = () => scriptedAdapter('youtube', createYouTubeAdapter);

describe('YouTube adapter', () => {
  it('asks Google for offline access with consent, S256 and space-separated scopes', async () => {
    const { adapter } = setup();
    const url = await adapter.authorizeUrl(ATTEMPT, CLIENT);
    expect(url.origin + url.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
    const q = url.searchParams;
    expect(q.get('access_type')).toBe('offline');
    expect(q.get('prompt')).toBe('consent');
    expect(q.get('client_id')).toBe('client-id');
    expect(q.get('scope')).toBe(adapter.provider.scopes.join(' '));
    expect(q.get('code_challenge')).toBe(await s256Challenge(ATTEMPT.codeVerifier));
    expect(q.get('code_challenge_method')).toBe('S256');
    expect(adapter.callbackPath).toBe('/callback');
  });

  it('exchanges the code with the secret in the body (client_secret_post)', async () => {
    const t = setup();
    t.answer({
      body: {
        access_token: 'at',
        token_type: 'Bearer',
        expires_in: 3599,
        refresh_token: 'rt',
        scope: 'a b',
      },
    });
    const result = await t.adapter.exchangeCode(
      callbackOf({ code: 'c', state: ATTEMPT.state }),
      ATTEMPT,
      CLIENT,
    );
    const form = t.requests[0]!.form;
    expect(t.requests[0]!.url.href).toBe('https://oauth2.googleapis.com/token');
    expect(form.get('client_secret')).toBe(CLIENT.clientSecret);
    expect(form.get('client_id')).toBe(CLIENT.clientId);
    expect(form.get('code_verifier')).toBe(ATTEMPT.codeVerifier);
    expect(t.requests[0]!.headers.get('authorization')).toBeNull();
    expect(result.tokens.refreshToken).toBe('rt');
    expect(result.grantedScopes).toEqual(['a', 'b']);
  });

  it('says the secret is missing instead of sending a request Google would refuse', async () => {
    const t = setup();
    const error = await rejectionOf(
      t.adapter.exchangeCode(
        callbackOf({ code: 'c', state: ATTEMPT.state }),
        ATTEMPT,
        PUBLIC_CLIENT,
      ),
    );
    expect(error.code).toBe('platform_not_configured');
    expect(t.requests).toHaveLength(0);
  });

  it('keeps the stored refresh token: a refresh answer without one gives null', async () => {
    const t = setup();
    t.answer({ body: { access_token: 'at2', token_type: 'Bearer', expires_in: 3599 } });
    const tokens = await t.adapter.refresh(SECRETS, CLIENT);
    expect(tokens.refreshToken).toBeNull();
    expect(tokens.accessToken).toBe('at2');
    expect(t.requests[0]!.form.get('refresh_token')).toBe('rt-SECRET');
  });

  it('reads the channel; hidden subscriber counts are null, string counts numbers', async () => {
    const t = setup();
    const channel = (statistics: object) => ({
      items: [
        {
          id: 'UC1',
          snippet: {
            title: 'Chan',
            customUrl: '@chan',
            thumbnails: { default: { url: 'https://i/d.jpg' } },
          },
          statistics,
        },
      ],
    });
    t.answer(
      { body: channel({ subscriberCount: '1234', hiddenSubscriberCount: false }) },
      { body: channel({ subscriberCount: '0', hiddenSubscriberCount: true }) },
    );
    const shown = await t.adapter.profile('at', CLIENT);
    expect(shown).toEqual({
      kind: 'profile',
      profile: {
        platform: 'youtube',
        platformUserId: 'UC1',
        displayName: 'Chan',
        handle: '@chan',
        avatarUrl: 'https://i/d.jpg',
        followers: 1234,
        accountType: null,
        channelId: 'UC1',
        pageId: null,
      },
    });
    expect(t.requests[0]!.url.searchParams.get('mine')).toBe('true');
    expect(t.requests[0]!.headers.get('authorization')).toBe('Bearer at');
    const hidden = await t.adapter.profile('at', CLIENT);
    expect(hidden.kind === 'profile' && hidden.profile.followers).toBeNull();
  });

  it('refuses a Google account without a channel', async () => {
    const t = setup();
    t.answer({ body: { kind: 'youtube#channelListResponse', items: [] } }, { body: {} });
    for (let i = 0; i < 2; i += 1) {
      const error = await rejectionOf(t.adapter.profile('at', CLIENT));
      expect([error.code, error.kind]).toEqual(['account_not_eligible', 'account_problem']);
      expect(error.message).toMatch(/no YouTube channel/);
    }
  });

  it('revokes the refresh token; an already-dead grant counts as revoked', async () => {
    const t = setup();
    t.answer(
      { status: 200, body: {} },
      {
        status: 400,
        body: { error: 'invalid_token', error_description: 'Token expired or revoked' },
      },
    );
    expect(await t.adapter.revoke(SECRETS, CLIENT)).toEqual({ revoked: true });
    expect(t.requests[0]!.url.href).toBe('https://oauth2.googleapis.com/revoke');
    expect(t.requests[0]!.form.get('token')).toBe('rt-SECRET');
    expect(await t.adapter.revoke(SECRETS, CLIENT)).toEqual({ revoked: true });
  });

  it('probes with a minimal channels read, never the token endpoint', async () => {
    const t = setup();
    t.answer({ body: { items: [{ id: 'UC1' }] } });
    await t.adapter.probe('at', CLIENT);
    expect(t.requests[0]!.url.pathname).toBe('/youtube/v3/channels');
    expect(t.requests[0]!.url.searchParams.get('part')).toBe('id');
  });
});

describe('classifyGoogle', () => {
  const apiError = (status: number, reason: string) => ({
    error: { code: status, message: 'm', errors: [{ reason, domain: 'youtube' }] },
  });
  const table: Array<[string, ReturnType<typeof failureOf>, string, string, number | null]> = [
    [
      'invalid_grant',
      failureOf('token', 400, { error: 'invalid_grant' }),
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
      'secret missing',
      failureOf('token', 400, {
        error: 'invalid_request',
        error_description: 'client_secret is missing.',
      }),
      'bad_configuration',
      'platform_error',
      null,
    ],
    [
      'quotaExceeded',
      failureOf('api', 403, apiError(403, 'quotaExceeded')),
      'rate_limited',
      'platform_rate_limited',
      nextPacificMidnight(NOW),
    ],
    [
      'rateLimitExceeded',
      failureOf('api', 403, apiError(403, 'rateLimitExceeded'), { 'retry-after': '60' }),
      'rate_limited',
      'platform_rate_limited',
      NOW + 60_000,
    ],
    [
      'suspended',
      failureOf('api', 403, apiError(403, 'authenticatedUserAccountSuspended')),
      'account_problem',
      'account_suspended',
      null,
    ],
    [
      'closed',
      failureOf('api', 403, apiError(403, 'authenticatedUserAccountClosed')),
      'account_problem',
      'account_suspended',
      null,
    ],
    [
      'uploadLimitExceeded',
      failureOf('api', 400, apiError(400, 'uploadLimitExceeded')),
      'account_problem',
      'platform_rate_limited',
      null,
    ],
    [
      'scope',
      failureOf('api', 403, apiError(403, 'insufficientPermissions')),
      'permission',
      'permission_denied',
      null,
    ],
    [
      '401',
      failureOf('api', 401, apiError(401, 'authError')),
      'needs_reauth',
      'token_rejected',
      null,
    ],
    ['503', failureOf('api', 503, apiError(503, 'backendError')), 'retry', 'platform_error', null],
    [
      '429 token',
      failureOf('token', 429, 'Too Many', { 'retry-after': '5' }),
      'rate_limited',
      'platform_rate_limited',
      NOW + 5_000,
    ],
  ];
  it.each(table)('%s', (_name, failure, kind, code, resetAt) => {
    const error = classifyGoogle(failure, NOW);
    expect([error.kind, error.code, error.resetAt]).toEqual([kind, code, resetAt]);
  });

  it('puts the quota reset at the next midnight in Pacific time', () => {
    expect(new Date(nextPacificMidnight(NOW)).toISOString()).toBe('2026-11-26T08:00:00.000Z');
    expect(new Date(nextPacificMidnight(Date.parse('2026-07-01T06:59:00Z'))).toISOString()).toBe(
      '2026-07-01T07:00:00.000Z',
    );
  });
});
