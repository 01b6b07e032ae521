import { randomBytes } from 'node:crypto';
import { tiktokPublishInit } from './fake-publish-api';
import { jsonReply, type FakeRequest, type FaultSpec, type Reply } from './fake-http';
import {
  startFakeOAuthServer,
  type FakeContext,
  type FakePlatform,
  type FakePlatformOptions,
} from './fake-oauth-server';
import { pkceMatches, randomToken, type Grant } from './fake-tokens';
import { TIKTOK_DEMO_USERS } from './demo-users';
import type { FakeClient } from './fake-users';

/** The last is the avatar CDN (fake-avatars.ts serves the pictures). */
export const TIKTOK_ORIGINS = [
  'https://www.tiktok.com',
  'https://open.tiktokapis.com',
  'https://p16-sign-va.tiktokcdn.com',
];

/** Registered with TikTok's desktop wildcard-port pattern. */
export { TIKTOK_DEMO_USERS };

export const TIKTOK_DEMO_CLIENT: FakeClient = {
  clientId: 'demo-tiktok-client',
  clientSecret: 'demo-tiktok-secret',
  redirectUris: ['http://127.0.0.1:*/callback/'],
};

const KNOWN_SCOPES = [
  'user.info.basic',
  'user.info.profile',
  'user.info.stats',
  'video.upload',
  'video.publish',
  'video.list',
];
/** Toggles the user may switch off on TikTok's consent screen. */
const OPTIONAL_SCOPES = ['user.info.profile', 'user.info.stats'];
const ACCESS_TTL = 7200;
const REFRESH_TTL = 15_552_000;
/** Which scope each user.info field needs. */
const FIELD_SCOPES: Record<string, string> = {
  open_id: 'user.info.basic',
  union_id: 'user.info.basic',
  avatar_url: 'user.info.basic',
  avatar_url_100: 'user.info.basic',
  avatar_large_url: 'user.info.basic',
  display_name: 'user.info.basic',
  bio_description: 'user.info.profile',
  profile_deep_link: 'user.info.profile',
  is_verified: 'user.info.profile',
  username: 'user.info.profile',
  follower_count: 'user.info.stats',
  following_count: 'user.info.stats',
  likes_count: 'user.info.stats',
  video_count: 'user.info.stats',
};

export interface FakeTikTokOptions extends FakePlatformOptions {
  /** Whether a rotated refresh token gets a fresh 180 days (unconfirmed; default: it inherits the rest). */
  rotationResetsRefreshLifetime?: boolean;
}

export type FakeTikTok = FakePlatform;

const logId = () => `2026${randomBytes(10).toString('hex').toUpperCase()}`;

/** TikTok's OAuth errors: `{error, error_description, log_id}`, often with HTTP 200. */
const oauthError = (error: string, description: string, status = 200) =>
  jsonReply(status, { error, error_description: description, log_id: logId() });

/** TikTok's API errors: `{data, error:{code,message,log_id}}`. */
export const tiktokApiError = (
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) => jsonReply(status, { data: {}, error: { code, message, log_id: logId() } }, headers);

const TOKEN_INVALID = () =>
  tiktokApiError(
    401,
    'access_token_invalid',
    'The access token is invalid or not found in the request.',
  );

/** `http://127.0.0.1:*\/callback/` accepts any port, but the port must be there and nothing else may differ. */
function redirectAllowed(client: FakeClient, uri: string): boolean {
  return client.redirectUris.some((pattern) => {
    if (pattern === uri) return true;
    const [prefix, suffix] = pattern.split(':*');
    if (suffix === undefined) return false;
    const port = /^:(\d{1,5})/.exec(uri.slice(prefix!.length))?.[1];
    return !!port && uri.startsWith(prefix!) && uri === `${prefix}:${port}${suffix}`;
  });
}

function tokenAnswer(
  context: FakeContext,
  grant: Grant,
  refreshExpiresAt: number | null,
  options: FakeTikTokOptions,
) {
  const tokens = context.tokens;
  const access = tokens.issue(grant, 'access', ACCESS_TTL, 'act.');
  const refresh = tokens.issue(grant, 'refresh', REFRESH_TTL, 'rft.');
  if (refreshExpiresAt !== null && !options.rotationResetsRefreshLifetime)
    refresh.expiresAt = refreshExpiresAt;
  // Both lifetimes are the *remaining* seconds, so a later answer may carry a smaller number.
  return jsonReply(200, {
    access_token: access.token,
    expires_in: ACCESS_TTL,
    open_id: grant.userId,
    refresh_expires_in: Math.max(0, Math.floor((refresh.expiresAt! - context.now()) / 1000)),
    refresh_token: refresh.token,
    scope: grant.scopes.join(','),
    token_type: 'Bearer',
  });
}

function authenticate(context: FakeContext, form: URLSearchParams) {
  const client = context.client(form.get('client_key'));
  const secret = form.get('client_secret');
  if (!client || !secret || secret !== client.clientSecret)
    return { reply: oauthError('invalid_client', 'Client key or secret is incorrect.') };
  return { client };
}

function token(context: FakeContext, request: FakeRequest, options: FakeTikTokOptions): Reply {
  const form = request.form;
  if (!form.get('grant_type')) return oauthError('invalid_request', 'grant_type is required.', 400);
  const auth = authenticate(context, form);
  if (!auth.client) return auth.reply;
  if (form.get('grant_type') === 'refresh_token') {
    const record = context.tokens.live(form.get('refresh_token'), 'refresh');
    if (!record || record.grant.clientId !== auth.client.clientId)
      return oauthError('invalid_grant', 'Refresh token is invalid or expired.');
    // Rotation: the refresh token just used is dead from now on.
    record.spent = true;
    return tokenAnswer(context, record.grant, record.expiresAt, options);
  }
  if (form.get('grant_type') !== 'authorization_code')
    return oauthError('unsupported_grant_type', 'grant_type is not supported.', 400);
  const taken = context.codes.take(form.get('code') ?? '');
  if ('problem' in taken)
    return oauthError(
      'invalid_grant',
      taken.problem === 'expired'
        ? 'Authorization code is expired.'
        : 'Authorization code is invalid.',
    );
  const code = taken.record;
  if (code.clientId !== auth.client.clientId)
    return oauthError('invalid_grant', 'Authorization code is invalid.');
  if (form.get('redirect_uri') !== code.redirectUri)
    return oauthError(
      'invalid_grant',
      'Redirect URI does not match the one used to request the code.',
    );
  // The desktop quirk: the challenge is the hex SHA-256 of the verifier, not base64url.
  if (!pkceMatches(code.challenge ?? '', form.get('code_verifier') ?? '', 'hex'))
    return oauthError('invalid_grant', 'Code verifier or code challenge is invalid.');
  const grant = context.tokens.newGrant(code.clientId, code.userId, code.granted, code.declined);
  return tokenAnswer(context, grant, null, options);
}

function revoke(context: FakeContext, request: FakeRequest): Reply {
  const auth = authenticate(context, request.form);
  if (!auth.client) return auth.reply;
  const record = context.tokens.find(request.form.get('token'));
  if (!record || record.grant.clientId !== auth.client.clientId)
    return oauthError('invalid_request', 'The token is invalid.', 400);
  context.tokens.revokeGrant(record.grant);
  return jsonReply(200, {});
}

function userInfo(context: FakeContext, request: FakeRequest): Reply {
  const record = context.tokens.live(request.bearer, 'access');
  if (!record) return TOKEN_INVALID();
  const user = context.user(record.grant.userId);
  if (!user) return TOKEN_INVALID();
  const fields = (request.query.get('fields') ?? '').split(',').filter(Boolean);
  if (!fields.length) return tiktokApiError(400, 'invalid_params', 'fields is required.');
  const unknown = fields.find((field) => !(field in FIELD_SCOPES));
  if (unknown) return tiktokApiError(400, 'invalid_params', `Invalid field: ${unknown}.`);
  const missing = fields.find((field) => !record.grant.scopes.includes(FIELD_SCOPES[field]!));
  if (missing)
    return tiktokApiError(
      401,
      'scope_not_authorized',
      `The user did not authorize the scope required for completing this request (${FIELD_SCOPES[missing]}).`,
    );
  const all: Record<string, unknown> = {
    open_id: user.id,
    union_id: `union-${user.id}`,
    avatar_url: user.avatarUrl,
    avatar_url_100: user.avatarUrl,
    avatar_large_url: user.avatarUrl,
    display_name: user.name,
    bio_description: `${user.name} (simulated)`,
    profile_deep_link: `https://www.tiktok.com/@${user.handle}`,
    is_verified: !!user.verified,
    username: user.handle,
    follower_count: user.followers,
    following_count: user.following ?? 0,
    likes_count: user.followers * 12,
    video_count: user.posts ?? 0,
  };
  const picked = Object.fromEntries(fields.map((field) => [field, all[field]]));
  return jsonReply(200, {
    data: { user: picked },
    error: { code: 'ok', message: '', log_id: logId() },
  });
}

function faultReply(fault: FaultSpec, request: FakeRequest): Reply {
  const oauth = request.path.startsWith('/v2/oauth/');
  const retryAfter = { 'retry-after': String(fault.resetAfterSeconds ?? 60) };
  switch (fault.kind) {
    case '429':
    case 'quota':
      return tiktokApiError(
        429,
        'rate_limit_exceeded',
        'The API rate limit was exceeded.',
        retryAfter,
      );
    case 'invalid_grant':
      return oauth
        ? oauthError('invalid_grant', 'Refresh token is invalid or expired.')
        : TOKEN_INVALID();
    case 'missing_fields':
      return jsonReply(
        200,
        oauth ? { token_type: 'Bearer' } : { data: {}, error: { code: 'ok', message: '' } },
      );
    default: {
      const status = fault.kind === '503' ? 503 : 500;
      return tiktokApiError(
        status,
        'internal_error',
        'Something went wrong. Please try again later.',
      );
    }
  }
}

/** TikTok Login Kit for Desktop and the user.info API. */
export async function startFakeTikTok(options: FakeTikTokOptions = {}): Promise<FakeTikTok> {
  return startFakeOAuthServer({
    platform: 'tiktok',
    realOrigins: TIKTOK_ORIGINS,
    options,
    defaults: { clients: [TIKTOK_DEMO_CLIENT], users: TIKTOK_DEMO_USERS },
    codeTtlSeconds: 600,
    authorizePath: /^\/v2\/auth\/authorize\/?$/,
    authorize: {
      title: 'TikTok',
      clientParam: 'client_key',
      scopeSeparator: ',',
      knownScopes: KNOWN_SCOPES,
      pkce: 'required',
      redirectAllowed,
      optionalScopes: (requested) => requested.filter((scope) => OPTIONAL_SCOPES.includes(scope)),
      allowParams: (code, pending, granted) => ({
        code,
        scopes: granted.join(','),
        state: pending.state,
      }),
      denyParams: (pending, reason) => ({
        error: 'access_denied',
        error_description:
          reason === 'ineligible'
            ? 'This TikTok account is not eligible to use this app (simulated age or region restriction).'
            : 'The user denied the authorization request.',
        state: pending.state,
      }),
      ineligible: (user) => !!user.ineligible,
      // Real codes carry `*` and `!`: the app must send back the URL-decoded value.
      newCode: () => `${randomToken('', 24)}*v!${randomBytes(2).readUInt16BE()}.va`,
    },
    routes(context, request) {
      const { method, path } = request;
      if (method === 'POST' && path === '/v2/oauth/token/') return token(context, request, options);
      if (method === 'POST' && path === '/v2/oauth/revoke/') return revoke(context, request);
      if (method === 'GET' && path === '/v2/user/info/') return userInfo(context, request);
      if (method === 'POST' && /^\/v2\/post\/publish\/(inbox\/)?video\/init\/$/.test(path))
        return tiktokPublishInit(context, request);
      return undefined;
    },
    notFound: () => tiktokApiError(404, 'not_found', 'The requested path does not exist.'),
    faultReply,
  });
}
