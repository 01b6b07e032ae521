import { jsonReply, type FakeRequest, type Reply } from './fake-http';
import {
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
import { pkceMatches, type TokenRecord } from './fake-tokens';
import { FACEBOOK_DEMO_USERS } from './demo-users';
import type { FakeClient, FakeInstagramAccount } from './fake-users';

/** The last is the avatar CDN (fake-avatars.ts serves the pictures). */
export const FACEBOOK_ORIGINS = [
  'https://www.facebook.com',
  'https://graph.facebook.com',
  'https://scontent.xx.fbcdn.net',
];

export { FACEBOOK_DEMO_USERS };

export const FACEBOOK_DEMO_CLIENT: FakeClient = {
  clientId: 'demo-facebook-client',
  clientSecret: 'demo-facebook-secret',
  redirectUris: ['http://127.0.0.1:7482/callback'],
};

const KNOWN_SCOPES = [
  'public_profile',
  'email',
  'instagram_basic',
  'instagram_content_publish',
  'instagram_manage_insights',
  'instagram_manage_comments',
  'pages_show_list',
  'pages_read_engagement',
  'business_management',
];
const SHORT_TTL = 3600;
const LONG_TTL = 5_184_000;

export type FakeFacebook = FakePlatform & {
  /** Graph versions seen in paths, in order of first use (`unversioned` when none). */
  readonly versionsUsed: string[];
};

function exchange(context: FakeContext, request: FakeRequest): Reply {
  const params = request.method === 'POST' ? request.form : request.query;
  const client = context.client(params.get('client_id'));
  if (!client) return metaError(400, 'Error validating application. Invalid application ID.', 101);
  const secret = params.get('client_secret');
  if (!secret) return metaError(400, 'Missing client_secret parameter.', 101);
  if (secret !== client.clientSecret) return BAD_SECRET();
  if (params.get('grant_type') === 'fb_exchange_token') {
    const record = context.tokens.live(params.get('fb_exchange_token'), 'access');
    if (!record || record.grant.clientId !== client.clientId)
      return metaError(400, 'Invalid OAuth access token - Cannot parse access token', 190);
    const long = context.tokens.issue(record.grant, 'access', LONG_TTL, 'EAAL', 'long');
    return jsonReply(200, { access_token: long.token, token_type: 'bearer', expires_in: LONG_TTL });
  }
  const taken = context.codes.take(params.get('code') ?? '');
  if ('problem' in taken) return codeProblemError(taken.problem);
  const code = taken.record;
  if (code.clientId !== client.clientId) return codeProblemError('unknown');
  if (params.get('redirect_uri') !== code.redirectUri) return REDIRECT_MISMATCH();
  // PKCE is optional on Facebook Login; when a challenge was sent the verifier must match.
  if (code.challenge && !pkceMatches(code.challenge, params.get('code_verifier') ?? ''))
    return metaError(400, 'Invalid code verifier.', 100, 36008);
  const grant = context.tokens.newGrant(client.clientId, code.userId, code.granted, code.declined);
  const token = context.tokens.issue(grant, 'access', SHORT_TTL, 'EAAS', 'short');
  return jsonReply(200, { access_token: token.token, token_type: 'bearer', expires_in: SHORT_TTL });
}

const lacks = (record: TokenRecord, scope: string) =>
  record.grant.scopes.includes(scope)
    ? null
    : metaError(403, `(#200) Requires ${scope} permission to manage the object`, 200);

function instagramAccounts(context: FakeContext, record: TokenRecord): FakeInstagramAccount[] {
  const pages = context.user(record.grant.userId)?.pages ?? [];
  return pages.flatMap((page) => (page.instagram ? [page.instagram] : []));
}

function graph(context: FakeContext, request: FakeRequest, rest: string): Reply | undefined {
  const auth = graphAuth(context, request);
  if ('reply' in auth) return auth.reply;
  const record = auth.record;
  const user = context.user(record.grant.userId);
  if (!user) return metaError(400, 'Invalid OAuth access token - Cannot parse access token', 190);
  const fields = request.query.get('fields');
  const parts = rest.split('/').filter(Boolean);
  const node = parts[0] === 'me' ? user.id : parts[0];
  if (request.method === 'DELETE' && parts[1] === 'permissions' && parts.length === 2) {
    if (node !== user.id)
      return metaError(400, '(#100) Cannot revoke permissions of another user', 100);
    context.tokens.revokeUser(record.grant.clientId, user.id);
    return jsonReply(200, { success: true });
  }
  if (request.method !== 'GET') return undefined;
  if (node === user.id && parts.length === 1) {
    const picked = pickFields({ id: user.id, name: user.name }, fields, ['id', 'name'], 'User');
    return 'reply' in picked ? picked.reply : jsonReply(200, picked.value);
  }
  if (node === user.id && parts[1] === 'permissions') {
    const data = [
      { permission: 'public_profile', status: 'granted' },
      ...record.grant.scopes
        .filter((scope) => scope !== 'public_profile')
        .map((permission) => ({ permission, status: 'granted' })),
      ...record.grant.declined.map((permission) => ({ permission, status: 'declined' })),
    ];
    return jsonReply(200, { data });
  }
  if (node === user.id && parts[1] === 'accounts') {
    const denied = lacks(record, 'pages_show_list');
    if (denied) return denied;
    // Like Graph, the default fields include each Page's access token, a token that never
    // expires when the user token is long-lived: reading this edge mints tokens.
    const wanted = (fields ?? 'access_token,category,name,id,tasks').split(',');
    const pageToken = () =>
      context.tokens.issue(record.grant, 'access', null, 'EAAP', 'page').token;
    const data = (user.pages ?? []).map((page) => ({
      ...(wanted.includes('access_token') ? { access_token: pageToken() } : {}),
      ...(wanted.includes('name') ? { name: page.name } : {}),
      id: page.id,
      ...(wanted.includes('instagram_business_account') && page.instagram
        ? { instagram_business_account: { id: page.instagram.id } }
        : {}),
    }));
    const cursors = { before: 'QVFIUmZA', after: 'QVFIUmZB' };
    return jsonReply(200, { data, ...(data.length ? { paging: { cursors } } : {}) });
  }
  const account = instagramAccounts(context, record).find((candidate) => candidate.id === node);
  if (account && parts.length === 1) {
    const denied = lacks(record, 'instagram_basic');
    if (denied) return denied;
    const all = {
      id: account.id,
      username: account.username,
      name: account.name,
      profile_picture_url: account.avatarUrl,
      followers_count: account.followers,
      media_count: account.mediaCount,
    };
    const picked = pickFields(all, fields, ['id'], 'IGUser');
    return 'reply' in picked ? picked.reply : jsonReply(200, picked.value);
  }
  return metaError(
    400,
    `Unsupported get request. Object with ID '${node ?? ''}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    100,
    33,
  );
}

/** Facebook Login and the Graph API for an Instagram account linked to a Facebook Page. */
export async function startFakeFacebook(options: FakePlatformOptions = {}): Promise<FakeFacebook> {
  const fake = await startFakeOAuthServer({
    platform: 'facebook',
    realOrigins: FACEBOOK_ORIGINS,
    options,
    defaults: { clients: [FACEBOOK_DEMO_CLIENT], users: FACEBOOK_DEMO_USERS },
    codeTtlSeconds: 600,
    authorizePath: /^\/v\d+\.\d+\/dialog\/oauth\/?$/,
    authorize: {
      title: 'Facebook',
      clientParam: 'client_id',
      scopeSeparator: ',',
      knownScopes: KNOWN_SCOPES,
      pkce: 'optional',
      redirectAllowed: exactRedirect,
      // Facebook lets the user untick permissions; declined ones show in /me/permissions.
      optionalScopes: (requested) => requested.filter((scope) => scope !== 'public_profile'),
      denyParams: (pending) => ({
        error: 'access_denied',
        error_code: '200',
        error_reason: 'user_denied',
        error_description: 'Permissions error',
        state: pending.state,
      }),
      // Facebook's redirects famously end in `#_=_`.
      fragment: '#_=_',
    },
    routes(context, request) {
      const { rest } = splitVersion(request.path);
      if (rest === '/oauth/access_token') return exchange(context, request);
      if (rest === '/' || rest.startsWith('/dialog/')) return undefined;
      return graph(context, request, rest);
    },
    notFound: unknownPath,
    faultReply: metaFaultReply,
  });
  return Object.defineProperty(fake, 'versionsUsed', {
    get: () => versionsOf(fake.requests.map((entry) => entry.path)),
  }) as typeof fake & { readonly versionsUsed: string[] };
}
