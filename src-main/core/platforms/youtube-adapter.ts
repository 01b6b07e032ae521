import { YOUTUBE_DESCRIPTOR } from './youtube-descriptor';
import { buildAuthorizeUrl } from '../oauth/authorize-url';
import { createOAuthClient, type OAuthServer } from '../oauth/oauth-client';
import { classifyOAuthError, isRecord, oauthErrorCode } from '../oauth/oauth-errors';
import { s256Challenge } from '../oauth/pkce';
import type { ConnectedProfile } from '../vault/types';
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
import type { AdapterContext, PlatformAdapter } from './platform-adapter';
import { classifyByStatus, PlatformError, type HttpFailure } from '../net/platform-error';
import { resetFromHeaders } from '../net/platform-http';
import { safeProfile } from './profile-text';

export const GOOGLE_SERVER: OAuthServer = {
  issuer: 'https://accounts.google.com',
  authorizationEndpoint: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenEndpoint: 'https://oauth2.googleapis.com/token',
  revocationEndpoint: 'https://oauth2.googleapis.com/revoke',
};
const CHANNELS_URL = 'https://www.googleapis.com/youtube/v3/channels';
const NAME = 'YouTube';

/**
 * When the YouTube Data API's daily quota resets: midnight in Google's Pacific time. Uses the
 * offset in force now, so a DST-change night is off by an hour at most.
 */
export function nextPacificMidnight(now: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: 'America/Los_Angeles',
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(now));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const sinceMidnight =
    ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000 + (now % 1000);
  return now - sinceMidnight + 24 * 60 * 60 * 1000;
}

/** `error.errors[0].reason` (Data API v3) or `error.details[].reason` (newer Google errors). */
function googleReason(body: unknown): string | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { errors, details } = body.error;
  if (Array.isArray(errors) && isRecord(errors[0]) && typeof errors[0].reason === 'string') {
    return errors[0].reason;
  }
  if (Array.isArray(details)) {
    const info = details.find((d) => isRecord(d) && typeof d.reason === 'string');
    if (isRecord(info)) return info.reason as string;
  }
  return null;
}

/** Google's token-endpoint and YouTube Data API error shapes (PLATFORMS.md). */
export function classifyGoogle(failure: HttpFailure, now: number): PlatformError {
  const resetAt = resetFromHeaders(failure.headers, now);
  if (failure.endpoint === 'token') {
    const oauthError = classifyOAuthError(failure, 'Google', resetAt);
    if (oauthError) return oauthError;
  }
  const reason = googleReason(failure.body) ?? oauthErrorCode(failure.body);
  const status = failure.status;
  const base = { status, platformCode: reason };
  switch (reason) {
    case 'quotaExceeded':
    case 'dailyLimitExceeded':
      return new PlatformError('platform_rate_limited', {
        ...base,
        kind: 'rate_limited',
        resetAt: nextPacificMidnight(now),
        message:
          'The YouTube API quota of this developer app is used up for today; it resets at midnight Pacific time.',
      });
    case 'rateLimitExceeded':
    case 'userRateLimitExceeded':
      return new PlatformError('platform_rate_limited', { ...base, kind: 'rate_limited', resetAt });
    case 'authenticatedUserAccountSuspended':
    case 'authenticatedUserAccountClosed':
      return new PlatformError('account_suspended', {
        ...base,
        kind: 'account_problem',
        message:
          reason === 'authenticatedUserAccountClosed'
            ? 'YouTube reports this account as closed.'
            : 'YouTube reports this account as suspended; check YouTube Studio.',
      });
    case 'uploadLimitExceeded':
      return new PlatformError('platform_rate_limited', {
        ...base,
        kind: 'account_problem',
        message: 'YouTube’s upload limit for this channel is reached; try again tomorrow.',
      });
    case 'youtubeSignupRequired':
      return noChannel();
    case 'insufficientPermissions':
    case 'ACCESS_TOKEN_SCOPE_INSUFFICIENT':
      return new PlatformError('permission_denied', { ...base, kind: 'permission' });
  }
  // Google's own canonical status says "not allowed", not "who are you": whatever the HTTP status,
  // a new token would not help (only UNAUTHENTICATED means the token itself).
  if (isRecord(failure.body) && isRecord(failure.body.error))
    if (failure.body.error.status === 'PERMISSION_DENIED')
      return new PlatformError('permission_denied', { ...base, kind: 'permission' });
  return classifyByStatus(failure, resetAt, base.platformCode);
}

function noChannel(): PlatformError {
  return new PlatformError('account_not_eligible', {
    kind: 'account_problem',
    message:
      'This Google account has no YouTube channel. Create one at youtube.com (or sign in with the account that owns your channel), then connect again.',
  });
}

function channelProfile(channel: Record<string, unknown>): ConnectedProfile {
  const snippet = isRecord(channel.snippet) ? channel.snippet : {};
  const statistics = isRecord(channel.statistics) ? channel.statistics : {};
  const thumbnails = isRecord(snippet.thumbnails) ? snippet.thumbnails : {};
  const thumb = ['high', 'medium', 'default']
    .map((size) => thumbnails[size])
    .find((t): t is Record<string, unknown> => isRecord(t) && typeof t.url === 'string');
  const id = requireString(channel, 'id', NAME);
  return safeProfile({
    platform: 'youtube',
    platformUserId: id,
    displayName: stringOrNull(snippet.title) ?? id,
    handle: stringOrNull(snippet.customUrl),
    avatarUrl: thumb ? (thumb.url as string) : null,
    // A hidden count is the creator's choice, not a zero.
    followers:
      statistics.hiddenSubscriberCount === true ? null : countOrNull(statistics.subscriberCount),
    accountType: null,
    channelId: id,
    pageId: null,
  });
}

/** YouTube through Google OAuth: Desktop client (secret in the body), offline access. */
export function createYouTubeAdapter(context: AdapterContext): PlatformAdapter {
  const provider = YOUTUBE_DESCRIPTOR;
  const classify = (failure: HttpFailure) => classifyGoogle(failure, context.now());
  const caller: ApiCaller = { context, platformName: NAME, classify };
  const oauth = createOAuthClient({
    server: GOOGLE_SERVER,
    http: context.http,
    now: () => context.now(),
    classify,
    platformName: 'Google',
  });
  // Google's Desktop clients need the secret in practice ("client_secret is missing").
  const identity = (client: { clientId: string; clientSecret: string | null }) => ({
    clientId: client.clientId,
    auth: { method: 'client_secret_post' as const, secret: requireSecret(client, NAME) },
  });

  return {
    provider,
    callbackPath: '/callback',
    requiredScopes: provider.scopes,
    async authorizeUrl(attempt, client) {
      const real = buildAuthorizeUrl(GOOGLE_SERVER, {
        clientId: client.clientId,
        redirectUri: attempt.redirectUri,
        scopes: provider.scopes,
        state: attempt.state,
        codeChallenge: await s256Challenge(attempt.codeVerifier),
        // Without both, Google issues no refresh token on a repeat consent.
        extra: { access_type: 'offline', prompt: 'consent' },
      });
      return context.http.origins.url(real);
    },
    scopesFromCallback: () => null,
    // Google omits refresh_token on refresh: the grant's null makes the store keep the one it has.
    ...standardGrants(oauth, identity, NAME, () => provider.scopes),
    async revoke(secrets, client) {
      // Revoking the refresh token ends the whole grant; no client authentication is asked.
      const token = secrets.refreshToken ?? secrets.accessToken;
      try {
        await oauth.revoke(
          { clientId: client.clientId, auth: { method: 'custom', apply: () => undefined } },
          token,
        );
      } catch (error) {
        // Google answers 400 invalid_token for a grant that is already gone: the goal is met.
        if (!(error instanceof PlatformError && error.platformCode === 'invalid_token'))
          throw error;
      }
      return { revoked: true };
    },
    async profile(accessToken) {
      const url = new URL(CHANNELS_URL);
      url.search = 'part=snippet,statistics&mine=true';
      const { body } = await requestJson(caller, url, { headers: bearer(accessToken) });
      const items = Array.isArray(body.items) ? body.items : [];
      if (!isRecord(items[0])) throw noChannel();
      return { kind: 'profile', profile: channelProfile(items[0]) };
    },
    async probe(accessToken) {
      const url = new URL(CHANNELS_URL);
      url.search = 'part=id&mine=true';
      await requestJson(caller, url, { headers: bearer(accessToken) });
    },
    classify,
  };
}
