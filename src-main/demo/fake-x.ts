import { jsonReply, type FakeRequest, type FaultSpec, type Reply } from './fake-http';
import { xCreateTweet } from './fake-publish-api';
import { createRateLimiter, problem, usersMe, USERS_ME_LIMIT } from './fake-x-api';
import {
  exactRedirect,
  startFakeOAuthServer,
  type FakeContext,
  type FakePlatform,
  type FakePlatformOptions,
} from './fake-oauth-server';
import { pkceMatches, type Grant } from './fake-tokens';
import { X_DEMO_USERS } from './demo-users';
import type { FakeClient } from './fake-users';

/** The last is the avatar CDN (fake-avatars.ts serves the pictures). */
export const X_ORIGINS = ['https://x.com', 'https://api.x.com', 'https://pbs.twimg.com'];

/** A "Native App": public client, no secret. A client with a secret must use HTTP Basic. */
export { X_DEMO_USERS };

export const X_DEMO_CLIENT: FakeClient = {
  clientId: 'demo-x-client',
  clientSecret: null,
  redirectUris: ['http://127.0.0.1:7483/callback'],
};

const KNOWN_SCOPES = [
  'tweet.read',
  'tweet.write',
  'tweet.moderate.write',
  'users.read',
  'follows.read',
  'follows.write',
  'offline.access',
  'like.read',
  'like.write',
  'list.read',
  'bookmark.read',
  'media.write',
  'dm.read',
  'dm.write',
];
const ACCESS_TTL = 7200;
const REFRESH_TTL = 15_552_000;
const TOKEN_LIMIT = 300;
const INVALID_TOKEN_VALUE = 'Value passed for the token was invalid.';

export type FakeX = FakePlatform;
export { problem };

const invalidRequest = (description = INVALID_TOKEN_VALUE) =>
  jsonReply(400, { error: 'invalid_request', error_description: description });

function authenticate(context: FakeContext, request: FakeRequest) {
  const id = request.basic?.id ?? request.form.get('client_id');
  if (!id) return { reply: invalidRequest('Missing required parameter [client_id].') };
  const client = context.client(id);
  const unauthorized = (why: string) => ({
    reply: jsonReply(401, { error: 'unauthorized_client', error_description: why }),
  });
  if (!client) return unauthorized('Missing valid authorization header');
  // Auto-detection fails against X: the client type decides, and only one way is accepted.
  if (client.clientSecret === null) {
    if (request.basic)
      return unauthorized('A public client must not send an Authorization header.');
  } else if (!request.basic || request.basic.secret !== client.clientSecret) {
    return unauthorized('Missing valid authorization header');
  }
  return { client };
}

function issuePair(context: FakeContext, grant: Grant): Reply {
  const access = context.tokens.issue(grant, 'access', ACCESS_TTL, 'xat-');
  const body: Record<string, unknown> = {
    token_type: 'bearer',
    expires_in: ACCESS_TTL,
    access_token: access.token,
    scope: grant.scopes.join(' '),
  };
  // No refresh token without offline.access.
  if (grant.scopes.includes('offline.access'))
    body.refresh_token = context.tokens.issue(grant, 'refresh', REFRESH_TTL, 'xrt-').token;
  return jsonReply(200, body);
}

function token(context: FakeContext, request: FakeRequest): Reply {
  const auth = authenticate(context, request);
  if (!auth.client) return auth.reply;
  const form = request.form;
  if (form.get('grant_type') === 'refresh_token') {
    const record = context.tokens.find(form.get('refresh_token'));
    if (record?.kind === 'refresh' && record.spent) {
      // Reuse of a spent refresh token: treat as theft and kill the whole family.
      context.tokens.revokeGrant(record.grant);
      return invalidRequest();
    }
    const live = context.tokens.live(form.get('refresh_token'), 'refresh');
    if (!live || live.grant.clientId !== auth.client.clientId) return invalidRequest();
    live.spent = true;
    return issuePair(context, live.grant);
  }
  if (form.get('grant_type') !== 'authorization_code')
    return invalidRequest('Missing required parameter [grant_type].');
  const taken = context.codes.take(form.get('code') ?? '');
  if ('problem' in taken) return invalidRequest();
  const code = taken.record;
  const verifierOk = pkceMatches(code.challenge ?? '', form.get('code_verifier') ?? '');
  if (
    code.clientId !== auth.client.clientId ||
    form.get('redirect_uri') !== code.redirectUri ||
    !verifierOk
  )
    return invalidRequest();
  return issuePair(
    context,
    context.tokens.newGrant(code.clientId, code.userId, code.granted, code.declined),
  );
}

function revoke(context: FakeContext, request: FakeRequest): Reply {
  const auth = authenticate(context, request);
  if (!auth.client) return auth.reply;
  const record = context.tokens.find(request.form.get('token'));
  // RFC 7009: an unknown token is not an error.
  if (record && record.grant.clientId === auth.client.clientId)
    context.tokens.revokeGrant(record.grant);
  return jsonReply(200, { revoked: true });
}

function faultReply(fault: FaultSpec, request: FakeRequest, context: FakeContext): Reply {
  const oauth = request.path.startsWith('/2/oauth2/');
  switch (fault.kind) {
    case '429':
    case 'quota': {
      const reset = Math.ceil(context.now() / 1000) + (fault.resetAfterSeconds ?? 60);
      return problem(429, 'Too Many Requests', 'Too Many Requests', 'about:blank', {
        'x-rate-limit-limit': String(USERS_ME_LIMIT),
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': String(reset),
      });
    }
    case 'invalid_grant':
      return oauth ? invalidRequest() : problem(401, 'Unauthorized', 'Unauthorized');
    case 'missing_fields':
      return jsonReply(200, oauth ? { token_type: 'bearer' } : { data: {} });
    default: {
      const status = fault.kind === '503' ? 503 : 500;
      return problem(
        status,
        status === 503 ? 'Service Unavailable' : 'Internal Server Error',
        'Something went wrong. Please try again later.',
      );
    }
  }
}

/** X's OAuth 2.0 (Authorization Code + PKCE) and `/2/users/me`, with rate-limit headers. */
export async function startFakeX(options: FakePlatformOptions = {}): Promise<FakeX> {
  const now = options.now ?? Date.now;
  const limiter = createRateLimiter(now);
  return startFakeOAuthServer({
    platform: 'x',
    realOrigins: X_ORIGINS,
    options,
    defaults: { clients: [X_DEMO_CLIENT], users: X_DEMO_USERS },
    // X's authorization codes live 30 seconds.
    codeTtlSeconds: 30,
    authorizePath: /^\/i\/oauth2\/authorize$/,
    authorize: {
      title: 'X',
      clientParam: 'client_id',
      scopeSeparator: ' ',
      knownScopes: KNOWN_SCOPES,
      pkce: 'required',
      maxStateLength: 500,
      redirectAllowed: exactRedirect,
      // users.read is granted only together with tweet.read.
      adjustGranted: (granted) =>
        granted.includes('tweet.read')
          ? granted
          : granted.filter((scope) => scope !== 'users.read'),
      denyParams: (pending) => ({
        error: 'access_denied',
        error_description: 'The user denied access to the app.',
        state: pending.state,
      }),
    },
    routes(context, request) {
      const { method, path } = request;
      if (method === 'POST' && path === '/2/oauth2/token') return token(context, request);
      if (method === 'POST' && path === '/2/oauth2/revoke') return revoke(context, request);
      if (method === 'GET' && path === '/2/users/me') return usersMe(context, request, limiter);
      if (method === 'POST' && path === '/2/tweets') return xCreateTweet(context, request);
      return undefined;
    },
    notFound: (request) =>
      problem(
        404,
        'Not Found Error',
        `Could not find ${request.path}`,
        'https://api.twitter.com/2/problems/resource-not-found',
      ),
    faultReply,
    decorate(request, reply, context) {
      if (!request.path.startsWith('/2/') || reply.headers?.['x-rate-limit-reset']) return reply;
      const user = context.tokens.find(request.bearer)?.grant.userId;
      const headers =
        request.path === '/2/users/me'
          ? limiter.count(`me:${user ?? 'anonymous'}`, USERS_ME_LIMIT)
          : limiter.count(`oauth:${request.path}`, TOKEN_LIMIT);
      return { ...reply, headers: { ...reply.headers, ...headers } };
    },
  });
}
