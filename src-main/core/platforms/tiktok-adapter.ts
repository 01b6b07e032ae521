import type { ClientAuth } from 'oauth4webapi';
import { TIKTOK_DESCRIPTOR } from './tiktok-descriptor';
import { buildAuthorizeUrl } from '../oauth/authorize-url';
import {
  createOAuthClient,
  type OAuthClient,
  type OAuthClientIdentity,
  type OAuthServer,
} from '../oauth/oauth-client';
import { parseScopes } from '../oauth/token-grant';
import { classifyOAuthError, isRecord } from '../oauth/oauth-errors';
import { hexS256Challenge } from '../oauth/pkce';
import {
  bearer,
  countOrNull,
  requestJson,
  standardGrants,
  requireSecret,
  requireString,
  stringOrNull,
  type ApiCaller,
} from './adapter-kit';
import type { AdapterContext, ClientCredentials, PlatformAdapter } from './platform-adapter';
import { classifyByStatus, PlatformError, type HttpFailure } from '../net/platform-error';
import { resetFromHeaders } from '../net/platform-http';
import { safeProfile } from './profile-text';
import { relayTokenUrl, withRelayRefusals } from './relay';

export const TIKTOK_SERVER: OAuthServer = {
  issuer: 'https://www.tiktok.com',
  authorizationEndpoint: 'https://www.tiktok.com/v2/auth/authorize/',
  tokenEndpoint: 'https://open.tiktokapis.com/v2/oauth/token/',
  revocationEndpoint: 'https://open.tiktokapis.com/v2/oauth/revoke/',
};
const USER_INFO_URL = 'https://open.tiktokapis.com/v2/user/info/';
const NAME = 'TikTok';

/** user.info.basic gives these; the others need their own scope (PLATFORMS.md). */
const BASIC_FIELDS = ['open_id', 'avatar_url', 'display_name'];
const SCOPED_FIELDS: Record<string, readonly string[]> = {
  'user.info.profile': ['username', 'is_verified'],
  'user.info.stats': ['follower_count', 'video_count'],
};

/** The profile fields the granted scopes allow TikTok to answer. */
export function tiktokProfileFields(grantedScopes: readonly string[] | null | undefined): string[] {
  const fields = [...BASIC_FIELDS];
  for (const scope of grantedScopes ?? []) fields.push(...(SCOPED_FIELDS[scope] ?? []));
  return fields;
}

/** API errors `{"error":{"code":…}}` (also inside HTTP 200) and token errors `{"error":"…"}`. */
export function classifyTikTok(failure: HttpFailure, now: number): PlatformError {
  const resetAt = resetFromHeaders(failure.headers, now);
  const oauthError = classifyOAuthError(failure, NAME, resetAt);
  if (oauthError) return oauthError;
  const body = failure.body;
  const code = isRecord(body) && isRecord(body.error) ? body.error.code : null;
  const base = { status: failure.status, platformCode: typeof code === 'string' ? code : null };
  switch (code) {
    case 'access_token_invalid':
      return new PlatformError('token_rejected', { ...base, kind: 'needs_reauth' });
    case 'scope_not_authorized':
    case 'scope_permission_missed':
      return new PlatformError('permission_denied', {
        ...base,
        kind: 'permission',
        message:
          'TikTok refused: a permission this needs was not granted; connect again and allow it.',
      });
    case 'rate_limit_exceeded':
      return new PlatformError('platform_rate_limited', { ...base, kind: 'rate_limited', resetAt });
    case 'spam_risk_too_many_posts':
      // The real posting cap: an account state, not a token or transport problem.
      return new PlatformError('platform_rate_limited', {
        ...base,
        kind: 'account_problem',
        message: 'TikTok says this account has posted as much as it may today; try again tomorrow.',
      });
    case 'spam_risk_user_banned_from_posting':
      return new PlatformError('account_suspended', {
        ...base,
        kind: 'account_problem',
        message: 'TikTok has banned this account from posting; check the account in TikTok.',
      });
    case 'internal_error':
      return new PlatformError('platform_error', { ...base, kind: 'retry' });
    case 'invalid_params':
      return new PlatformError('platform_error', { ...base, kind: 'bad_configuration' });
  }
  return classifyByStatus(failure, resetAt, base.platformCode);
}

/** TikTok Login Kit for Desktop: client_key, comma scopes, hex PKCE, rotating refresh tokens. */
export function createTikTokAdapter(context: AdapterContext): PlatformAdapter {
  const provider = TIKTOK_DESCRIPTOR;
  const classify = (failure: HttpFailure) => classifyTikTok(failure, context.now());
  const caller: ApiCaller = { context, platformName: NAME, classify };
  const oauth = createOAuthClient({
    server: TIKTOK_SERVER,
    http: context.http,
    now: () => context.now(),
    classify,
    platformName: NAME,
    errorsInSuccessBody: true,
  });

  // TikTok names the client `client_key` and wants it with the secret in the form body; a
  // built-in app's secret stays on the publisher's relay, which adds it.
  function identity(client: ClientCredentials): OAuthClientIdentity {
    const secret = client.relay ? null : requireSecret(client, NAME);
    const apply: ClientAuth = (_as, _client, body) => {
      body.set('client_key', client.clientId);
      if (secret) body.set('client_secret', secret);
    };
    return { clientId: client.clientId, auth: { method: 'custom', apply } };
  }

  // Through a relay the token, refresh and revoke calls go to its /token/tiktok; everything
  // oauth4webapi checks in the answers stays the same.
  const relayed = new Map<string, OAuthClient>();
  function oauthFor(client: ClientCredentials): OAuthClient {
    if (!client.relay) return oauth;
    const known = relayed.get(client.relay);
    if (known) return known;
    const endpoint = relayTokenUrl(client.relay, 'tiktok');
    const made = createOAuthClient({
      server: { ...TIKTOK_SERVER, tokenEndpoint: endpoint, revocationEndpoint: endpoint },
      http: context.http,
      now: () => context.now(),
      classify: withRelayRefusals(classify, () => context.now()),
      platformName: NAME,
      errorsInSuccessBody: true,
      // Only a relay on 127.0.0.1 is plain http (parseRelayUrl allows nothing else).
      allowInsecureRequests: endpoint.startsWith('http:'),
    });
    relayed.set(client.relay, made);
    return made;
  }

  async function userInfo(accessToken: string, fields: readonly string[]) {
    const url = new URL(USER_INFO_URL);
    url.searchParams.set('fields', fields.join(','));
    const { body, headers, status } = await requestJson(caller, url, {
      headers: bearer(accessToken),
    });
    // Success says `error.code = "ok"`; anything else is an error even with HTTP 200.
    const code = isRecord(body.error) ? body.error.code : 'ok';
    if (code !== 'ok')
      throw classify({ endpoint: 'api', status, headers, body, path: url.pathname });
    const data = isRecord(body.data) ? body.data : {};
    return isRecord(data.user) ? data.user : {};
  }

  return {
    provider,
    callbackPath: '/callback/',
    requiredScopes: ['user.info.basic', 'video.upload'],
    async authorizeUrl(attempt, client) {
      const real = buildAuthorizeUrl(TIKTOK_SERVER, {
        clientId: client.clientId,
        clientIdParam: 'client_key',
        redirectUri: attempt.redirectUri,
        scopes: provider.scopes,
        scopeSeparator: ',',
        state: attempt.state,
        // The desktop quirk: hex, not base64url, though the method still says S256.
        codeChallenge: hexS256Challenge(attempt.codeVerifier),
      });
      return context.http.origins.url(real);
    },
    scopesFromCallback(callback) {
      return callback.has('scopes') ? parseScopes(callback.get('scopes')) : null;
    },
    // Refresh rotates: the answer's refresh token replaces the stored one, with its own lifetime.
    ...standardGrants(
      oauthFor,
      identity,
      NAME,
      (callback) => parseScopes(callback.get('scopes')) ?? provider.scopes,
    ),
    async revoke(secrets, client) {
      // The relay knows TikTok's revoke as the grant `revoke` of its one token route.
      await oauthFor(client).revoke(
        identity(client),
        secrets.accessToken,
        client.relay ? { extra: { grant_type: 'revoke' } } : {},
      );
      return { revoked: true };
    },
    async profile(accessToken, _client, grantedScopes) {
      let user: Record<string, unknown>;
      try {
        user = await userInfo(accessToken, tiktokProfileFields(grantedScopes));
      } catch (error) {
        // A toggle switched off after consent: fall back to what user.info.basic always allows.
        if (!(error instanceof PlatformError && error.kind === 'permission')) throw error;
        user = await userInfo(accessToken, BASIC_FIELDS);
      }
      const openId = requireString(user, 'open_id', NAME);
      const username = stringOrNull(user.username);
      return {
        kind: 'profile',
        profile: safeProfile({
          platform: 'tiktok',
          platformUserId: openId,
          displayName: stringOrNull(user.display_name) ?? username ?? openId,
          handle: username,
          avatarUrl: stringOrNull(user.avatar_url),
          followers: countOrNull(user.follower_count),
          accountType: null,
          channelId: null,
          pageId: null,
        }),
      };
    },
    async probe(accessToken) {
      await userInfo(accessToken, ['open_id']);
    },
    classify,
  };
}
