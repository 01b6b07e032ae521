import { jsonReply, type FakeRequest, type FaultSpec, type Reply } from './fake-http';
import { youtubeUpload } from './fake-publish-api';
import { channels, googleApiError, INVALID_CREDENTIALS } from './fake-youtube-api';
import {
  startFakeOAuthServer,
  type FakeContext,
  type FakePlatform,
  type FakePlatformOptions,
} from './fake-oauth-server';
import { pkceMatches, type Grant, type TokenRecord } from './fake-tokens';
import { GOOGLE_DEMO_USERS } from './demo-users';
import type { FakeClient } from './fake-users';

export const GOOGLE_ORIGINS = [
  'https://accounts.google.com',
  'https://oauth2.googleapis.com',
  'https://www.googleapis.com',
  // The avatar CDN (fake-avatars.ts serves the pictures).
  'https://yt3.ggpht.com',
];

/** A "Desktop app" client: any loopback port, nothing to register. */
export { GOOGLE_DEMO_USERS };

export const GOOGLE_DEMO_CLIENT: FakeClient = {
  clientId: 'demo-youtube-client',
  clientSecret: 'demo-youtube-secret',
  redirectUris: [],
};

const SCOPE = 'https://www.googleapis.com/auth/';
const KNOWN_SCOPES = ['youtube', 'youtube.readonly', 'youtube.upload', 'youtube.force-ssl']
  .map((name) => SCOPE + name)
  .concat(['openid', 'email', 'profile']);
const ACCESS_TTL = 3599;
const DAY = 86_400_000;
/** Google keeps 100 refresh tokens per account and client; the oldest dies silently. */
const REFRESH_LIMIT = 100;

export interface FakeGoogleOptions extends FakePlatformOptions {
  /** The Google app is External + "Testing": refresh tokens die 7 days after consent. */
  testingMode?: boolean;
}

export type FakeGoogle = FakePlatform;
export { googleApiError };

const isLoopback = (uri: string) => {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['127.0.0.1', '[::1]'].includes(url.hostname) && !url.hash;
  } catch {
    return false;
  }
};

const oauthError = (status: number, error: string, description: string) =>
  jsonReply(status, { error, error_description: description });

function authenticate(context: FakeContext, request: FakeRequest) {
  const client = context.client(request.form.get('client_id'));
  if (!client)
    return { reply: oauthError(401, 'invalid_client', 'The OAuth client was not found.') };
  const secret = request.form.get('client_secret');
  // Desktop clients are told their secret "is not confidential", yet the token endpoint insists.
  if (!secret) return { reply: oauthError(400, 'invalid_request', 'client_secret is missing.') };
  if (secret !== client.clientSecret)
    return { reply: oauthError(401, 'invalid_client', 'Unauthorized') };
  return { client };
}

function exchangeCode(
  context: FakeContext,
  request: FakeRequest,
  options: FakeGoogleOptions,
): Reply {
  const auth = authenticate(context, request);
  if (!auth.client) return auth.reply;
  const code = request.form.get('code');
  if (!code) return oauthError(400, 'invalid_request', 'Missing required parameter: code');
  const taken = context.codes.take(code);
  if ('problem' in taken)
    return oauthError(
      400,
      'invalid_grant',
      taken.problem === 'unknown' ? 'Malformed auth code.' : 'Bad Request',
    );
  const record = taken.record;
  if (record.clientId !== auth.client.clientId)
    return oauthError(400, 'invalid_grant', 'Bad Request');
  if (request.form.get('redirect_uri') !== record.redirectUri)
    return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
  const verifier = request.form.get('code_verifier');
  if (!verifier) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
  if (!pkceMatches(record.challenge ?? '', verifier))
    return oauthError(400, 'invalid_grant', 'Invalid code verifier.');
  const tokens = context.tokens;
  const grant = tokens.newGrant(record.clientId, record.userId, record.granted, record.declined);
  const access = tokens.issue(grant, 'access', ACCESS_TTL, 'ya29.');
  const body: Record<string, unknown> = {
    access_token: access.token,
    expires_in: ACCESS_TTL,
    scope: record.granted.join(' '),
    token_type: 'Bearer',
  };
  // Only offline access with a forced consent screen yields a refresh token.
  if (record.extra.offline === 'yes') {
    body.refresh_token = tokens.issue(grant, 'refresh', null, '1//').token;
    if (options.testingMode) body.refresh_token_expires_in = 7 * 86_400 - 1;
    dropOldestBeyondLimit(context, grant);
  }
  return jsonReply(200, body);
}

function dropOldestBeyondLimit(context: FakeContext, grant: Grant): void {
  const live = context.tokens.issuedRefreshTokens
    .map((token) => context.tokens.live(token, 'refresh'))
    .filter(
      (record): record is TokenRecord =>
        !!record &&
        record.grant.clientId === grant.clientId &&
        record.grant.userId === grant.userId,
    );
  for (const record of live.slice(0, Math.max(0, live.length - REFRESH_LIMIT)))
    record.revoked = true;
}

function refresh(context: FakeContext, request: FakeRequest, options: FakeGoogleOptions): Reply {
  const auth = authenticate(context, request);
  if (!auth.client) return auth.reply;
  const now = context.now();
  const record = context.tokens.live(request.form.get('refresh_token'), 'refresh');
  const dead =
    !record ||
    now - record.lastUsedAt > 183 * DAY ||
    (options.testingMode && now - record.grant.consentedAt >= 7 * DAY);
  if (dead) return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
  if (record.grant.clientId !== auth.client.clientId)
    return oauthError(401, 'unauthorized_client', 'Unauthorized');
  record.lastUsedAt = now;
  const access = context.tokens.issue(record.grant, 'access', ACCESS_TTL, 'ya29.');
  // No refresh_token here: Google's refresh tokens do not rotate and the answer omits them.
  return jsonReply(200, {
    access_token: access.token,
    expires_in: ACCESS_TTL,
    scope: record.grant.scopes.join(' '),
    token_type: 'Bearer',
  });
}

function revoke(context: FakeContext, request: FakeRequest): Reply {
  const token = request.form.get('token') ?? request.query.get('token');
  const record = context.tokens.find(token);
  if (!record || context.tokens.dead(record) || context.tokens.expired(record))
    return oauthError(400, 'invalid_token', 'Token expired or revoked');
  context.tokens.revokeGrant(record.grant);
  return jsonReply(200, {});
}

function faultReply(fault: FaultSpec, request: FakeRequest): Reply {
  const retryAfter = { 'retry-after': String(fault.resetAfterSeconds ?? 60) };
  const api = request.path.startsWith('/youtube/');
  switch (fault.kind) {
    case '429':
      return api
        ? googleApiError(
            429,
            'rateLimitExceeded',
            'Rate limit exceeded.',
            'RESOURCE_EXHAUSTED',
            retryAfter,
          )
        : jsonReply(
            429,
            { error: 'rate_limit_exceeded', error_description: 'Rate limit exceeded.' },
            retryAfter,
          );
    case 'invalid_grant':
      return api
        ? INVALID_CREDENTIALS()
        : oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    case 'quota':
      return googleApiError(
        403,
        'quotaExceeded',
        'The request cannot be completed because you have exceeded your quota.',
        'PERMISSION_DENIED',
      );
    case 'missing_fields':
      return jsonReply(
        200,
        api ? { kind: 'youtube#channelListResponse' } : { token_type: 'Bearer' },
      );
    default: {
      const status = fault.kind === '503' ? 503 : 500;
      return api
        ? googleApiError(
            status,
            'backendError',
            'Backend Error',
            status === 503 ? 'UNAVAILABLE' : 'INTERNAL',
          )
        : oauthError(status, 'internal_failure', 'Backend Error');
    }
  }
}

/** Google's OAuth server and the YouTube Data API's channels.list, on one loopback port. */
export async function startFakeGoogle(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
  const fake = await startFakeOAuthServer({
    platform: 'youtube',
    realOrigins: GOOGLE_ORIGINS,
    options,
    defaults: { clients: [GOOGLE_DEMO_CLIENT], users: GOOGLE_DEMO_USERS },
    codeTtlSeconds: 600,
    authorizePath: /^\/o\/oauth2\/v2\/auth$/,
    authorize: {
      title: 'YouTube',
      clientParam: 'client_id',
      scopeSeparator: ' ',
      knownScopes: KNOWN_SCOPES,
      pkce: 'required',
      redirectAllowed: (client, uri) => isLoopback(uri) || client.redirectUris.includes(uri),
      validate: (query) => {
        const accessType = query.get('access_type');
        return accessType && !['online', 'offline'].includes(accessType)
          ? `Invalid access_type: ${accessType}`
          : null;
      },
      extra: (query) => ({
        offline:
          query.get('access_type') === 'offline' &&
          (query.get('prompt') ?? '').split(' ').includes('consent')
            ? 'yes'
            : 'no',
      }),
      // Granular consent: every scope can be unticked, which narrows the grant.
      optionalScopes: (requested) => requested,
      denyParams: (pending) => ({
        error: 'access_denied',
        error_description: 'The user denied access (simulated).',
        state: pending.state,
      }),
    },
    routes(context, request) {
      const { method, path } = request;
      // www.googleapis.com/oauth2/v4/token is the older address of the same token endpoint.
      if (method === 'POST' && (path === '/token' || path === '/oauth2/v4/token')) {
        const grantType = request.form.get('grant_type');
        if (grantType === 'authorization_code') return exchangeCode(context, request, options);
        if (grantType === 'refresh_token') return refresh(context, request, options);
        return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
      }
      if (method === 'POST' && path === '/revoke') return revoke(context, request);
      if (method === 'GET' && path === '/youtube/v3/channels') return channels(context, request);
      return undefined;
    },
    stream: youtubeUpload,
    notFound: () => googleApiError(404, 'notFound', 'Not Found', 'NOT_FOUND'),
    faultReply,
  });
  return fake;
}
