import { jsonReply, type FakeRequest, type Reply } from './fake-http';
import {
  clientCredentials,
  exactRedirect,
  startFakeOAuthServer,
  type FakeContext,
  type FakePlatform,
  type FakePlatformOptions,
} from './fake-oauth-server';
import {
  BAD_SECRET,
  codeProblemError,
  graphAuth,
  metaError,
  metaFaultReply,
  pickFields,
  REDIRECT_MISMATCH,
  splitVersion,
  unknownPath,
  versionsOf,
} from './fake-meta';
import { INSTAGRAM_DEMO_USERS } from './demo-users';
import type { FakeClient } from './fake-users';

export const INSTAGRAM_ORIGINS = [
  'https://www.instagram.com',
  'https://api.instagram.com',
  'https://graph.instagram.com',
  // The avatar CDN (fake-avatars.ts serves the pictures).
  'https://scontent.cdninstagram.com',
];

export { INSTAGRAM_DEMO_USERS };

export const INSTAGRAM_DEMO_CLIENT: FakeClient = {
  clientId: 'demo-instagram-client',
  clientSecret: 'demo-instagram-secret',
  redirectUris: ['http://127.0.0.1:7481/callback'],
};

const KNOWN_SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_messages',
  'instagram_business_manage_comments',
  'instagram_business_manage_insights',
];
const GRAPH_PATHS = ['/access_token', '/refresh_access_token', '/me', '/me/media'];
const SHORT_TTL = 3600;
const LONG_TTL = 5_184_000;
const DAY_MS = 86_400_000;

export type FakeInstagram = FakePlatform & {
  /** Graph versions seen in paths (`unversioned` when none). */
  readonly versionsUsed: string[];
};

function exchangeCode(context: FakeContext, request: FakeRequest): Reply {
  const credentials = clientCredentials(request);
  const client = context.client(credentials.id);
  if (!client) return metaError(400, 'Error validating application. Invalid application ID.', 101);
  if (!credentials.secret) return metaError(400, 'Missing client_secret parameter.', 101);
  if (credentials.secret !== client.clientSecret) return BAD_SECRET();
  if (request.form.get('grant_type') !== 'authorization_code')
    return metaError(400, 'Invalid grant_type: must be authorization_code.', 100);
  const taken = context.codes.take(request.form.get('code') ?? '');
  if ('problem' in taken) return codeProblemError(taken.problem);
  const record = taken.record;
  if (record.clientId !== client.clientId) return codeProblemError('unknown');
  if (request.form.get('redirect_uri') !== record.redirectUri) return REDIRECT_MISMATCH();
  const grant = context.tokens.newGrant(client.clientId, record.userId, record.granted);
  const token = context.tokens.issue(grant, 'access', SHORT_TTL, 'IGAA', 'short');
  const text = JSON.stringify({
    data: [
      { access_token: token.token, user_id: '__USER_ID__', permissions: record.granted.join(',') },
    ],
  });
  // The real answer carries user_id as a JSON number larger than 2^53: JSON.parse rounds it.
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: text.replace('"__USER_ID__"', record.userId),
  };
}

function longLivedExchange(context: FakeContext, request: FakeRequest): Reply {
  if (request.query.get('grant_type') !== 'ig_exchange_token')
    return metaError(400, 'Unsupported grant_type: expected ig_exchange_token.', 100);
  const auth = graphAuth(context, request);
  if ('reply' in auth) return auth.reply;
  const client = context.client(auth.record.grant.clientId);
  const secret = request.query.get('client_secret');
  if (!secret) return metaError(400, 'Missing client_secret parameter.', 101);
  if (secret !== client?.clientSecret) return BAD_SECRET();
  if (auth.record.variant !== 'short')
    return metaError(400, 'Only a short-lived Instagram User access token can be exchanged.', 100);
  const long = context.tokens.issue(auth.record.grant, 'access', LONG_TTL, 'IGAA', 'long');
  return jsonReply(200, { access_token: long.token, token_type: 'bearer', expires_in: LONG_TTL });
}

function refresh(context: FakeContext, request: FakeRequest): Reply {
  if (request.query.get('grant_type') !== 'ig_refresh_token')
    return metaError(400, 'Unsupported grant_type: expected ig_refresh_token.', 100);
  const auth = graphAuth(context, request);
  if ('reply' in auth) return auth.reply;
  const record = auth.record;
  if (record.variant !== 'long')
    return metaError(
      400,
      'A short-lived token cannot be refreshed: exchange it for a long-lived token first.',
      100,
    );
  if (context.now() - record.issuedAt < DAY_MS)
    return metaError(
      400,
      'Session has not been active long enough to be refreshed: a long-lived token can be refreshed once it is at least 24 hours old.',
      100,
    );
  // The old token keeps its own expiry; the new one lasts 60 days from now.
  const next = context.tokens.issue(record.grant, 'access', LONG_TTL, 'IGAA', 'long');
  return jsonReply(200, { access_token: next.token, token_type: 'bearer', expires_in: LONG_TTL });
}

/** `/me/media`: like Graph, the paging links repeat the access token the call was made with. */
function media(context: FakeContext, request: FakeRequest): Reply {
  const auth = graphAuth(context, request);
  if ('reply' in auth) return auth.reply;
  const next = new URL('https://graph.instagram.com/v22.0/me/media');
  next.searchParams.set('access_token', auth.record.token);
  next.searchParams.set('after', 'QVFIUm');
  return jsonReply(200, { data: [{ id: '17900000000000001' }], paging: { next: next.toString() } });
}

function me(context: FakeContext, request: FakeRequest): Reply {
  const auth = graphAuth(context, request);
  if ('reply' in auth) return auth.reply;
  if (!auth.record.grant.scopes.includes('instagram_business_basic'))
    return metaError(403, '(#10) Application does not have permission for this action', 10);
  const user = context.user(auth.record.grant.userId);
  if (!user) return metaError(400, 'Invalid OAuth access token - Cannot parse access token', 190);
  const all = {
    id: user.id,
    user_id: user.id,
    username: user.handle,
    name: user.name,
    account_type: user.personalAccount
      ? 'PERSONAL'
      : (user.instagramAccountType ?? 'MEDIA_CREATOR'),
    profile_picture_url: user.avatarUrl,
    followers_count: user.followers,
    follows_count: user.following ?? 0,
    media_count: user.posts ?? 0,
  };
  const picked = pickFields(all, request.query.get('fields'), ['id'], 'User');
  return 'reply' in picked ? picked.reply : jsonReply(200, picked.value);
}

/** Instagram API with Instagram Login: consent, code, short- and long-lived tokens, /me. */
export async function startFakeInstagram(
  options: FakePlatformOptions = {},
): Promise<FakeInstagram> {
  let meCalls = 0;
  const fake = await startFakeOAuthServer({
    platform: 'instagram',
    realOrigins: INSTAGRAM_ORIGINS,
    options,
    defaults: { clients: [INSTAGRAM_DEMO_CLIENT], users: INSTAGRAM_DEMO_USERS },
    codeTtlSeconds: 600,
    authorizePath: /^\/oauth\/authorize\/?$/,
    authorize: {
      title: 'Instagram',
      clientParam: 'client_id',
      scopeSeparator: ',',
      knownScopes: KNOWN_SCOPES,
      pkce: 'none',
      redirectAllowed: exactRedirect,
      denyParams: (pending) => ({
        error: 'access_denied',
        error_reason: 'user_denied',
        error_description: 'The user denied your request.',
        state: pending.state,
      }),
      fragment: '#_',
    },
    routes(context, request) {
      if (request.method === 'POST' && request.path === '/oauth/access_token')
        return exchangeCode(context, request);
      const { rest } = splitVersion(request.path);
      if (!GRAPH_PATHS.includes(rest)) return undefined;
      if (request.method !== 'GET') return undefined;
      if (rest === '/access_token') return longLivedExchange(context, request);
      if (rest === '/refresh_access_token') return refresh(context, request);
      if (rest === '/me/media') return media(context, request);
      return me(context, request);
    },
    // No revoke endpoint exists: DELETE /me/permissions is as unknown as any other path.
    notFound: unknownPath,
    faultReply: metaFaultReply,
    // Graph reports the app's share of its hourly limit, in percent, on every API answer.
    decorate(request, reply) {
      if (splitVersion(request.path).rest !== '/me') return reply;
      meCalls += 1;
      const usage = { call_count: Math.min(100, meCalls), total_time: 1, total_cputime: 1 };
      return { ...reply, headers: { ...reply.headers, 'x-app-usage': JSON.stringify(usage) } };
    },
  });
  return Object.defineProperty(fake, 'versionsUsed', {
    get: () =>
      versionsOf(
        fake.requests
          .map((entry) => entry.path)
          .filter((path) => GRAPH_PATHS.includes(splitVersion(path).rest)),
      ),
  }) as typeof fake & { readonly versionsUsed: string[] };
}
