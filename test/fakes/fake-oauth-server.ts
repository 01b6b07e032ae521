import { randomBytes } from 'node:crypto';
import { consentPage, errorPage } from './fake-consent-page';
import {
  htmlReply,
  redirectReply,
  startHttpFake,
  type FakeRequest,
  type FaultList,
  type FaultSpec,
  type Reply,
  type RequestLogEntry,
} from './fake-http';
import { CodeStore, randomToken, TokenStore } from './fake-tokens';
import { cloneUsers, type FakeClient, type FakePlatformOptions, type FakeUser } from './fake-users';

export { fakeClock } from './fake-users';
export type { FakeClient, FakePlatformOptions, FakeUser } from './fake-users';
export type { FaultKind, FaultSpec, RequestLogEntry } from './fake-http';

/** A sign-in between the consent page and the decision. */
export interface PendingAuthorization {
  id: string;
  clientId: string;
  redirectUri: string;
  state: string;
  requested: string[];
  challenge: string | null;
  challengeMethod: string | null;
  extra: Record<string, string>;
}

/** How a platform's authorize endpoint checks its query and shapes its redirect. */
export interface AuthorizeSpec {
  /** Shown as `Sign in to <title> (simulated)`. */
  title: string;
  clientParam: 'client_id' | 'client_key';
  scopeSeparator: ' ' | ',';
  knownScopes?: readonly string[];
  pkce: 'required' | 'optional' | 'none';
  maxStateLength?: number;
  redirectAllowed(client: FakeClient, uri: string): boolean;
  /** Further checks on the query: an error sentence, or null. */
  validate?(query: URLSearchParams): string | null;
  /** Requested scopes the user may untick on the consent page. */
  optionalScopes?(requested: string[]): string[];
  /** Facts remembered with the code (Google: whether offline access was asked). */
  extra?(query: URLSearchParams): Record<string, string>;
  /** Granted scopes after the platform's own rules (X: users.read needs tweet.read). */
  adjustGranted?(granted: string[]): string[];
  /** Redirect parameters after Allow (default `code` and `state`). */
  allowParams?(
    code: string,
    pending: PendingAuthorization,
    granted: string[],
  ): Record<string, string>;
  denyParams(
    pending: PendingAuthorization,
    reason: 'denied' | 'ineligible',
  ): Record<string, string>;
  ineligible?(user: FakeUser): boolean;
  /** Appended to the redirect Location (Instagram `#_`). */
  fragment?: string;
  /** The code's text (TikTok's contain characters that must be URL-decoded). */
  newCode?(): string;
}

/** What routes share: the clock, the registered clients and users, codes and tokens. */
export interface FakeContext {
  now(): number;
  clients: FakeClient[];
  users: FakeUser[];
  codes: CodeStore;
  tokens: TokenStore;
  client(id: string | null | undefined): FakeClient | undefined;
  user(id: string): FakeUser | undefined;
}

/** Inspection and control every fake platform offers. */
export interface FakePlatform {
  readonly platform: string;
  readonly baseUrl: string;
  readonly port: number;
  /** Real origin → this fake's base URL, for the app's origin table. */
  readonly origins: Record<string, string>;
  readonly clients: FakeClient[];
  /** Mutable: tests flip a user's flags (suspended, noChannel…) between requests. */
  readonly users: FakeUser[];
  readonly faults: FaultList;
  readonly requests: RequestLogEntry[];
  readonly tokens: TokenStore;
  /** Registers another exact redirect URI (tests pick free ports); first client by default. */
  registerRedirect(uri: string, clientId?: string): void;
  isAccessTokenValid(token: string): boolean;
  readonly issuedRefreshTokens: string[];
  readonly revokedTokens: string[];
  familyRevoked(token: string): boolean;
  /** Codes issued and not yet used or expired. */
  readonly codes: number;
  readonly codesIssued: number;
  close(): Promise<void>;
}

export interface FakeServerConfig {
  platform: string;
  realOrigins: string[];
  options: FakePlatformOptions;
  defaults: { clients: FakeClient[]; users: FakeUser[] };
  codeTtlSeconds: number;
  /** The authorize path (GET shows consent, POST takes the decision). */
  authorizePath: RegExp;
  authorize: AuthorizeSpec;
  routes(
    context: FakeContext,
    request: FakeRequest,
  ): Reply | undefined | Promise<Reply | undefined>;
  notFound(request: FakeRequest): Reply;
  faultReply(fault: FaultSpec, request: FakeRequest, context: FakeContext): Reply;
  decorate?(request: FakeRequest, reply: Reply, context: FakeContext): Reply;
}

const PENDING_LIMIT = 500;

function redirectWith(uri: string, params: Record<string, string>, fragment = ''): Reply {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return redirectReply(`${url.href}${fragment}`);
}

function createAuthorizer(spec: AuthorizeSpec, context: FakeContext) {
  const pending = new Map<string, PendingAuthorization>();
  const fail = (message: string) => htmlReply(400, errorPage(spec.title, message));

  function show(request: FakeRequest): Reply {
    const query = request.query;
    const clientId = query.get(spec.clientParam);
    const client = context.client(clientId);
    if (!client) return fail(`Unknown ${spec.clientParam}: the app is not registered.`);
    const redirectUri = query.get('redirect_uri') ?? '';
    if (!spec.redirectAllowed(client, redirectUri))
      return fail(
        `redirect_uri mismatch: ${redirectUri || '(none)'} is not registered for this app.`,
      );
    if (query.get('response_type') !== 'code') return fail('response_type must be "code".');
    const scopeText = query.get('scope') ?? '';
    const wrongSeparator = spec.scopeSeparator === ',' ? /\s/ : /,/;
    if (!scopeText.trim()) return fail('scope is missing.');
    if (wrongSeparator.test(scopeText.trim()))
      return fail(
        `Invalid scope: separate scopes with ${spec.scopeSeparator === ',' ? 'commas' : 'spaces'}.`,
      );
    const requested = scopeText.split(spec.scopeSeparator).filter(Boolean);
    const unknown = requested.filter(
      (scope) => spec.knownScopes && !spec.knownScopes.includes(scope),
    );
    if (unknown.length) return fail(`Invalid scope: ${unknown.join(', ')}.`);
    const state = query.get('state');
    if (!state) return fail('state is missing.');
    if (spec.maxStateLength && state.length > spec.maxStateLength)
      return fail(`state is longer than ${spec.maxStateLength} characters.`);
    const challenge = query.get('code_challenge');
    const challengeMethod = query.get('code_challenge_method');
    if (spec.pkce === 'required' || challenge) {
      if (!challenge) return fail('code_challenge is missing.');
      if (challengeMethod !== 'S256') return fail('code_challenge_method must be S256.');
      if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(challenge))
        return fail('code_challenge is malformed.');
    }
    const problem = spec.validate?.(query);
    if (problem) return fail(problem);
    const id = randomBytes(12).toString('base64url');
    if (pending.size >= PENDING_LIMIT) pending.delete(pending.keys().next().value as string);
    const extra = spec.extra?.(query) ?? {};
    pending.set(id, {
      id,
      clientId: client.clientId,
      redirectUri,
      state,
      requested,
      challenge,
      challengeMethod,
      extra,
    });
    const optional = spec.optionalScopes?.(requested) ?? [];
    return htmlReply(
      200,
      consentPage({
        platform: spec.title,
        action: request.path,
        requestId: id,
        clientId: client.clientId,
        users: context.users,
        fixedScopes: requested.filter((scope) => !optional.includes(scope)),
        optionalScopes: optional,
      }),
    );
  }

  function decide(request: FakeRequest): Reply {
    const form = request.form;
    const entry = pending.get(form.get('request_id') ?? '');
    if (!entry)
      return fail(
        'This sign-in request expired or was already answered. Start again from the app.',
      );
    pending.delete(entry.id);
    const user = context.user(form.get('user') ?? '');
    if (!user) return fail('Choose an account.');
    const fragment = spec.fragment ?? '';
    if (form.get('decision') !== 'allow')
      return redirectWith(entry.redirectUri, spec.denyParams(entry, 'denied'), fragment);
    if (spec.ineligible?.(user))
      return redirectWith(entry.redirectUri, spec.denyParams(entry, 'ineligible'), fragment);
    const optional = spec.optionalScopes?.(entry.requested) ?? [];
    const ticked = form.getAll('scope');
    let granted = entry.requested.filter(
      (scope) => !optional.includes(scope) || ticked.includes(scope),
    );
    granted = spec.adjustGranted?.(granted) ?? granted;
    const declined = entry.requested.filter((scope) => !granted.includes(scope));
    const code = context.codes.issue(
      {
        clientId: entry.clientId,
        redirectUri: entry.redirectUri,
        userId: user.id,
        granted,
        declined,
        challenge: entry.challenge,
        challengeMethod: entry.challengeMethod,
        extra: entry.extra,
      },
      spec.newCode?.() ?? randomToken('', 30),
    );
    const params = spec.allowParams?.(code, entry, granted) ?? { code, state: entry.state };
    return redirectWith(entry.redirectUri, params, fragment);
  }

  return (request: FakeRequest): Reply => {
    if (request.method === 'GET') return show(request);
    if (request.method === 'POST') return decide(request);
    return fail('Method not allowed.');
  };
}

/** Starts one fake platform: the HTTP server, consent, codes and tokens; routes add the rest. */
export async function startFakeOAuthServer(
  config: FakeServerConfig,
): Promise<FakePlatform & { context: FakeContext }> {
  const now = config.options.now ?? Date.now;
  const clients = structuredClone(config.options.clients ?? config.defaults.clients);
  const users = cloneUsers(config.options.users ?? config.defaults.users);
  const context: FakeContext = {
    now,
    clients,
    users,
    codes: new CodeStore(now, config.codeTtlSeconds * 1000),
    tokens: new TokenStore(now),
    client: (id) => (id ? clients.find((client) => client.clientId === id) : undefined),
    user: (id) => users.find((user) => user.id === id),
  };
  const authorize = createAuthorizer(config.authorize, context);
  const http = await startHttpFake({
    now,
    route: (request) =>
      config.authorizePath.test(request.path)
        ? authorize(request)
        : config.routes(context, request),
    notFound: config.notFound,
    faultReply: (fault, request) => config.faultReply(fault, request, context),
    ...(config.decorate
      ? {
          decorate: (request: FakeRequest, reply: Reply) =>
            config.decorate!(request, reply, context),
        }
      : {}),
  });
  const tokens = context.tokens;
  return {
    platform: config.platform,
    baseUrl: http.baseUrl,
    port: http.port,
    origins: Object.fromEntries(config.realOrigins.map((origin) => [origin, http.baseUrl])),
    clients,
    users,
    faults: http.faults,
    requests: http.requests,
    tokens,
    context,
    registerRedirect(uri, clientId) {
      const client = clientId ? context.client(clientId) : clients[0];
      if (!client) throw new Error(`No client ${clientId ?? ''} on the fake ${config.platform}.`);
      if (!client.redirectUris.includes(uri)) client.redirectUris.push(uri);
    },
    isAccessTokenValid: (token) => tokens.isAccessTokenValid(token),
    get issuedRefreshTokens() {
      return tokens.issuedRefreshTokens;
    },
    get revokedTokens() {
      return tokens.revokedTokens;
    },
    familyRevoked: (token) => tokens.familyRevoked(token),
    get codes() {
      return context.codes.outstanding;
    },
    get codesIssued() {
      return context.codes.issued;
    },
    close: () => http.close(),
  };
}

/** Client credentials from a token request: Basic header first, else the form body. */
export function clientCredentials(request: FakeRequest, idParam = 'client_id') {
  if (request.basic) return { via: 'basic' as const, ...request.basic };
  return {
    via: 'body' as const,
    id: request.form.get(idParam) ?? '',
    secret: request.form.get('client_secret'),
  };
}

export const exactRedirect = (client: FakeClient, uri: string) => client.redirectUris.includes(uri);
