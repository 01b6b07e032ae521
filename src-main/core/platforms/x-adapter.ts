import { X_DESCRIPTOR } from './x-descriptor';
import { buildAuthorizeUrl } from '../oauth/authorize-url';
import {
  createOAuthClient,
  type OAuthClientIdentity,
  type OAuthServer,
} from '../oauth/oauth-client';
import { classifyOAuthError, isRecord, reauthError } from '../oauth/oauth-errors';
import { s256Challenge } from '../oauth/pkce';
import {
  bearer,
  countOrNull,
  requestJson,
  standardGrants,
  requireString,
  stringOrNull,
  type ApiCaller,
} from './adapter-kit';
import type {
  AdapterContext,
  ClientCredentials,
  PlatformAdapter,
  RateLimitSnapshot,
} from './platform-adapter';
import { classifyByStatus, PlatformError, type HttpFailure } from '../net/platform-error';
import { resetFromHeaders } from '../net/platform-http';
import { safeProfile } from './profile-text';

export const X_SERVER: OAuthServer = {
  issuer: 'https://x.com',
  authorizationEndpoint: 'https://x.com/i/oauth2/authorize',
  tokenEndpoint: 'https://api.x.com/2/oauth2/token',
  revocationEndpoint: 'https://api.x.com/2/oauth2/revoke',
};
const USERS_ME_URL = 'https://api.x.com/2/users/me';
const NAME = 'X';
/** X rejects a longer `state` (PLATFORMS.md). */
export const X_MAX_STATE_LENGTH = 500;

/** The `x-rate-limit-*` headers of one answer, or null when it carries none. */
export function readXRateLimit(
  headers: Headers,
  path: string,
): Omit<RateLimitSnapshot, 'provider'> | null {
  const number = (name: string) => {
    const value = headers.get(name);
    return value !== null && /^\d+$/.test(value) ? Number(value) : null;
  };
  const limit = number('x-rate-limit-limit');
  const remaining = number('x-rate-limit-remaining');
  const reset = number('x-rate-limit-reset');
  if (limit === null && remaining === null && reset === null) return null;
  return { path, limit, remaining, resetAt: reset === null ? null : reset * 1000 };
}

/**
 * X's token answers, problem JSON and limits. A bad, expired or already-used code or refresh
 * token comes back as 400 `invalid_request` "Value passed for the token was invalid.", which
 * means re-auth just like `invalid_grant`.
 */
export function classifyX(failure: HttpFailure, now: number): PlatformError {
  const { headers, status, body } = failure;
  // A spent 24-hour posting allowance resets on its own clock, later than the endpoint window.
  const userLimitSpent = headers.get('x-user-limit-24hour-remaining') === '0';
  const resetAt = resetFromHeaders(
    headers,
    now,
    userLimitSpent ? 'x-user-limit-24hour-reset' : 'x-rate-limit-reset',
  );
  if (failure.endpoint === 'token' && isRecord(body) && body.error === 'invalid_request') {
    const text = typeof body.error_description === 'string' ? body.error_description : '';
    if (/token was invalid/i.test(text)) return reauthError(NAME, failure, 'invalid_request');
  }
  const oauthError = classifyOAuthError(failure, NAME, resetAt);
  if (oauthError) return oauthError;
  const problem = isRecord(body) ? body : {};
  const type = typeof problem.type === 'string' ? problem.type : '';
  const platformCode = type || (typeof problem.title === 'string' ? problem.title : null);
  const base = { status, platformCode };
  if (status === 429) {
    return new PlatformError('platform_rate_limited', { ...base, kind: 'rate_limited', resetAt });
  }
  if (problem.reason === 'client-not-enrolled' || type.endsWith('/client-forbidden')) {
    return new PlatformError('platform_bad_credentials', {
      ...base,
      kind: 'bad_configuration',
      message:
        'X refused this developer app (it is not attached to a Project with API access); check it in the X developer portal.',
    });
  }
  const detail = typeof problem.detail === 'string' ? problem.detail : '';
  const onUsersMe = failure.path === new URL(USERS_ME_URL).pathname;
  // Suspended users get 403/404 on users/me (shape unconfirmed): the account, not the token.
  if ((status === 403 || status === 404) && (onUsersMe || /suspend/i.test(detail))) {
    return new PlatformError('account_suspended', {
      ...base,
      kind: 'account_problem',
      message: 'X reports this account as suspended, locked or missing; check it on x.com.',
    });
  }
  return classifyByStatus(failure, resetAt, base.platformCode);
}

/** X OAuth 2.0: a public client (client_id in the body) unless a secret switches to HTTP Basic. */
export function createXAdapter(context: AdapterContext): PlatformAdapter {
  const provider = X_DESCRIPTOR;
  const classify = (failure: HttpFailure) => classifyX(failure, context.now());
  const caller: ApiCaller = { context, platformName: NAME, classify };
  const oauth = createOAuthClient({
    server: X_SERVER,
    http: context.http,
    now: () => context.now(),
    classify,
    platformName: NAME,
  });

  // Chosen explicitly: X's auto-detection fails (PLATFORMS.md).
  const identity = (client: ClientCredentials): OAuthClientIdentity => ({
    clientId: client.clientId,
    auth: client.clientSecret
      ? // Raw like X's own samples: its secrets hold `-` and `_`, which RFC 6749 encoding alters.
        { method: 'client_secret_basic', secret: client.clientSecret, rawCredentials: true }
      : { method: 'none' },
  });

  async function usersMe(accessToken: string, fields: string | null) {
    const url = new URL(USERS_ME_URL);
    if (fields) url.searchParams.set('user.fields', fields);
    try {
      const answer = await requestJson(caller, url, { headers: bearer(accessToken) });
      report(answer.headers, url.pathname);
      return answer.body;
    } catch (error) {
      // A 429 carries the limits too, and that is when they matter most.
      if (error instanceof PlatformError && error.status === 429 && context.onRateLimit) {
        context.onRateLimit({
          provider: 'x',
          path: url.pathname,
          limit: null,
          remaining: 0,
          resetAt: error.resetAt,
        });
      }
      throw error;
    }
  }

  function report(headers: Headers, path: string) {
    const limits = readXRateLimit(headers, path);
    if (limits && context.onRateLimit) context.onRateLimit({ provider: 'x', ...limits });
  }

  return {
    provider,
    callbackPath: '/callback',
    requiredScopes: provider.scopes,
    async authorizeUrl(attempt, client) {
      if (attempt.state.length > X_MAX_STATE_LENGTH) {
        throw new PlatformError('platform_error', {
          kind: 'bad_configuration',
          message: `X accepts a sign-in state of at most ${X_MAX_STATE_LENGTH} characters.`,
        });
      }
      const real = buildAuthorizeUrl(X_SERVER, {
        clientId: client.clientId,
        redirectUri: attempt.redirectUri,
        scopes: provider.scopes,
        state: attempt.state,
        codeChallenge: await s256Challenge(attempt.codeVerifier),
      });
      return context.http.origins.url(real);
    },
    scopesFromCallback: () => null,
    // Refresh tokens are single-use: the caller must have stored this refresh token's successor before reuse.
    ...standardGrants(oauth, identity, NAME, () => provider.scopes),
    async revoke(secrets, client) {
      const auth = identity(client);
      if (secrets.refreshToken) {
        await oauth.revoke(auth, secrets.refreshToken, { tokenTypeHint: 'refresh_token' });
        // The refresh token's revocation is what matters; the access token dies within 2 h.
        await oauth
          .revoke(auth, secrets.accessToken, { tokenTypeHint: 'access_token' })
          .catch(() => undefined);
      } else {
        await oauth.revoke(auth, secrets.accessToken, { tokenTypeHint: 'access_token' });
      }
      return { revoked: true };
    },
    async profile(accessToken) {
      const body = await usersMe(
        accessToken,
        'profile_image_url,public_metrics,verified,protected',
      );
      const user = isRecord(body.data) ? body.data : {};
      const id = requireString(user, 'id', NAME);
      const metrics = isRecord(user.public_metrics) ? user.public_metrics : {};
      const username = stringOrNull(user.username);
      return {
        kind: 'profile',
        profile: safeProfile({
          platform: 'x',
          platformUserId: id,
          displayName: stringOrNull(user.name) ?? username ?? id,
          handle: username,
          avatarUrl: stringOrNull(user.profile_image_url),
          followers: countOrNull(metrics.followers_count),
          accountType: null,
          channelId: null,
          pageId: null,
        }),
      };
    },
    async probe(accessToken) {
      await usersMe(accessToken, null);
    },
    classify,
  };
}
