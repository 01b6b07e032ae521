import { describe, expect, it } from 'vitest';
import {
  classifyInstagram,
  createInstagramAdapter,
  INSTAGRAM_REVOKE_WHERE,
} from './instagram-adapter';
import { META_LONG_LIVED_SECONDS } from './meta-graph';
import {
  ATTEMPT,
  CLIENT,
  callbackOf,
  failureOf,
  rejectionOf,
  scriptedAdapter,
  storedSecrets,
} from '../../../test/support/scripted-http';

const SECRETS = storedSecrets({
  platform: 'instagram',
  accessToken: 'long-SECRET',
  scopes: ['instagram_business_basic'],
});

const setup = () => scriptedAdapter('instagram', createInstagramAdapter);
const callback = callbackOf({ code: 'the-code', state: ATTEMPT.state });

describe('Instagram (Instagram Login) adapter', () => {
  it('builds the authorize URL with comma-separated scopes', async () => {
    const { adapter } = setup();
    const url = await adapter.authorizeUrl(ATTEMPT, CLIENT);
    expect(url.origin + url.pathname).toBe('https://www.instagram.com/oauth/authorize');
    expect(url.searchParams.get('scope')).toBe(
      'instagram_business_basic,instagram_business_content_publish',
    );
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe('client-id');
    expect(url.searchParams.get('state')).toBe(ATTEMPT.state);
  });

  it.each([
    [
      'nested',
      {
        data: [
          {
            access_token: 'short-SECRET',
            user_id: '17841',
            permissions: 'instagram_business_basic,instagram_business_content_publish',
          },
        ],
      },
    ],
    [
      'flat',
      {
        access_token: 'short-SECRET',
        user_id: 17841,
        permissions: ['instagram_business_basic', 'instagram_business_content_publish'],
      },
    ],
  ])(
    'swaps the %s short-lived answer for a long-lived token and keeps only that',
    async (_shape, shortAnswer) => {
      const t = setup();
      t.answer(
        { body: shortAnswer },
        { body: { access_token: 'long-SECRET', token_type: 'bearer', expires_in: 5_183_944 } },
      );
      const sentLong = t.clock.now + 5_000;
      const result = await t.adapter.exchangeCode(callback, ATTEMPT, CLIENT);
      const [code, long] = t.requests;
      expect(code!.url.href).toBe('https://api.instagram.com/oauth/access_token');
      expect(Object.fromEntries(code!.form)).toMatchObject({
        client_id: 'client-id',
        client_secret: 'client-SECRET',
        grant_type: 'authorization_code',
        redirect_uri: ATTEMPT.redirectUri,
        code: 'the-code',
      });
      expect(long!.url.origin + long!.url.pathname).toBe(
        'https://graph.instagram.com/access_token',
      );
      expect(long!.url.searchParams.get('grant_type')).toBe('ig_exchange_token');
      expect(long!.url.searchParams.get('access_token')).toBe('short-SECRET');
      expect(result.tokens.accessToken).toBe('long-SECRET');
      expect(result.tokens.refreshToken).toBeNull();
      expect(result.tokens.accessExpiresAt).toBe(sentLong + 5_183_944_000);
      expect(result.grantedScopes).toEqual([
        'instagram_business_basic',
        'instagram_business_content_publish',
      ]);
    },
  );

  it('classifies a refused code as oauth_code_rejected', async () => {
    const t = setup();
    t.answer({
      status: 400,
      body: {
        error_type: 'OAuthException',
        code: 400,
        error_message: 'Invalid authorization code',
      },
    });
    const error = await rejectionOf(t.adapter.exchangeCode(callback, ATTEMPT, CLIENT));
    expect([error.code, error.kind]).toEqual(['oauth_code_rejected', 'needs_reauth']);
    expect(t.requests).toHaveLength(1);
  });

  it('extends the long-lived token with ig_refresh_token; 60 days assumed only when unstated', async () => {
    const t = setup();
    t.answer({ body: { access_token: 'long2', token_type: 'bearer' } });
    const sentAt = t.clock.now;
    const tokens = await t.adapter.refresh(SECRETS, CLIENT);
    expect(t.requests[0]!.url.pathname).toBe('/refresh_access_token');
    expect(t.requests[0]!.url.searchParams.get('grant_type')).toBe('ig_refresh_token');
    expect(t.requests[0]!.url.searchParams.get('access_token')).toBe('long-SECRET');
    expect(tokens.accessExpiresAt).toBe(sentAt + META_LONG_LIVED_SECONDS * 1000);
    expect(tokens.refreshToken).toBeNull();
  });

  it('accepts professional accounts and refuses personal ones', async () => {
    const t = setup();
    const me = (account_type: string) => ({
      body: {
        user_id: '17841',
        id: 'app-scoped',
        username: 'cre',
        name: 'Creator',
        account_type,
        followers_count: 12,
        profile_picture_url: 'https://p',
      },
    });
    t.answer(me('MEDIA_CREATOR'), me('BUSINESS'), me('PERSONAL'));
    const step = await t.adapter.profile('long', CLIENT);
    expect(step).toEqual({
      kind: 'profile',
      profile: {
        platform: 'instagram',
        platformUserId: '17841',
        displayName: 'Creator',
        handle: 'cre',
        avatarUrl: 'https://p',
        followers: 12,
        accountType: 'MEDIA_CREATOR',
        channelId: null,
        pageId: null,
      },
    });
    expect(t.requests[0]!.url.searchParams.get('fields')).toContain('account_type');
    await t.adapter.profile('long', CLIENT);
    const error = await rejectionOf(t.adapter.profile('long', CLIENT));
    expect([error.code, error.kind]).toEqual(['account_not_eligible', 'account_problem']);
    expect(error.message).toMatch(/professional account/);
  });

  it('has no revoke endpoint: says where the creator removes access', async () => {
    const t = setup();
    expect(await t.adapter.revoke(SECRETS, CLIENT)).toEqual({
      revoked: false,
      where: INSTAGRAM_REVOKE_WHERE,
    });
    expect(t.requests).toHaveLength(0);
  });
});

describe('classifyInstagram (Meta error table)', () => {
  const NOW = 1_000_000;
  const meta = (code: number, subcode?: number) => ({
    error: {
      message: 'm',
      type: 'OAuthException',
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      fbtrace_id: 't',
    },
  });
  const table: Array<[string, ReturnType<typeof failureOf>, string, string, number | null]> = [
    [
      '190/463 expired',
      failureOf('api', 400, meta(190, 463)),
      'needs_reauth',
      'token_rejected',
      null,
    ],
    [
      '190/460 password',
      failureOf('token', 400, meta(190, 460)),
      'needs_reauth',
      'token_rejected',
      null,
    ],
    [
      '190/458 app removed',
      failureOf('api', 400, meta(190, 458)),
      'needs_reauth',
      'token_rejected',
      null,
    ],
    [
      'flat token refusal',
      failureOf('token', 400, { error_type: 'OAuthException', code: 400, error_message: 'x' }),
      'needs_reauth',
      'token_rejected',
      null,
    ],
    [
      '4 throttled',
      failureOf('api', 403, meta(4), { 'retry-after': '120' }),
      'rate_limited',
      'platform_rate_limited',
      NOW + 120_000,
    ],
    [
      '17 throttled',
      failureOf('api', 400, meta(17)),
      'rate_limited',
      'platform_rate_limited',
      null,
    ],
    [
      '32 throttled, usage header',
      failureOf('api', 400, meta(32), {
        'x-business-use-case-usage': JSON.stringify({
          '1': [{ type: 'pages', estimated_time_to_regain_access: 7 }],
        }),
      }),
      'rate_limited',
      'platform_rate_limited',
      NOW + 7 * 60_000,
    ],
    ['341', failureOf('api', 400, meta(341)), 'rate_limited', 'platform_rate_limited', null],
    ['613', failureOf('api', 400, meta(613)), 'rate_limited', 'platform_rate_limited', null],
    ['10 permission', failureOf('api', 400, meta(10)), 'permission', 'permission_denied', null],
    ['200 permission', failureOf('api', 403, meta(200)), 'permission', 'permission_denied', null],
    ['299 permission', failureOf('api', 400, meta(299)), 'permission', 'permission_denied', null],
    ['1 transient', failureOf('api', 500, meta(1)), 'retry', 'platform_error', null],
    ['2 transient', failureOf('api', 503, meta(2)), 'retry', 'platform_error', null],
    [
      '368 policy block',
      failureOf('api', 400, meta(368)),
      'account_problem',
      'account_suspended',
      null,
    ],
    ['502 html', failureOf('api', 502, '<html>'), 'retry', 'platform_error', null],
    [
      '100/36009 used code',
      failureOf('token', 400, meta(100, 36009)),
      'needs_reauth',
      'token_rejected',
      null,
    ],
    [
      'refresh before 24 h',
      failureOf('token', 400, {
        error: {
          code: 100,
          type: 'OAuthException',
          message:
            'Session has not been active long enough to be refreshed: a long-lived token can be refreshed once it is at least 24 hours old.',
        },
      }),
      'retry',
      'platform_error',
      null,
    ],
    ['other 100 at token', failureOf('token', 400, meta(100)), 'retry', 'platform_error', null],
    [
      'wrong secret (code 1)',
      failureOf('token', 400, {
        error: { code: 1, type: 'OAuthException', message: 'Error validating client secret.' },
      }),
      'bad_configuration',
      'platform_bad_credentials',
      null,
    ],
  ];
  it.each(table)('%s', (_name, failure, kind, code, resetAt) => {
    const error = classifyInstagram(failure, NOW);
    expect([error.kind, error.code, error.resetAt]).toEqual([kind, code, resetAt]);
  });

  it('keeps the Meta code and subcode', () => {
    expect(classifyInstagram(failureOf('api', 400, meta(190, 467)), NOW).platformCode).toBe(
      '190/467',
    );
  });
});
