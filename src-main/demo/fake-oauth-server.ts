import type { IncomingMessage, ServerResponse } from 'node:http';
import { createAuthorizer, type AuthorizeSpec } from './fake-authorize';
import { avatarReply } from './fake-avatars';
import {
  startHttpFake,
  type FakeRequest,
  type FaultList,
  type FaultSpec,
  type Reply,
  type RequestLogEntry,
} from './fake-http';
import { loadTokens, saveTokens } from './fake-token-file';
import { CodeStore, TokenStore } from './fake-tokens';
import { cloneUsers, type FakeClient, type FakePlatformOptions, type FakeUser } from './fake-users';

export { fakeClock } from './fake-users';
export type { FakeClient, FakePlatformOptions, FakeUser } from './fake-users';
export type { FaultKind, FaultSpec, RequestLogEntry } from './fake-http';
export type { AuthorizeSpec, PendingAuthorization } from './fake-authorize';

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
  /** Streaming routes (uploads) that read the body themselves. */
  stream?(
    context: FakeContext,
    incoming: IncomingMessage,
    response: ServerResponse,
  ): Promise<boolean>;
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
  const stateFile = config.options.stateFile;
  if (stateFile) loadTokens(context.tokens, stateFile);
  const route = async (request: FakeRequest) =>
    config.authorizePath.test(request.path)
      ? authorize(request)
      : (avatarReply(request) ?? config.routes(context, request));
  const http = await startHttpFake({
    now,
    route: async (request) => {
      const reply = await route(request);
      // Every request may have issued, rotated or revoked a token: keep the state as it is now.
      if (stateFile) saveTokens(context.tokens, stateFile);
      return reply;
    },
    notFound: config.notFound,
    faultReply: (fault, request) => config.faultReply(fault, request, context),
    ...(config.stream
      ? {
          stream: (incoming: IncomingMessage, response: ServerResponse) =>
            config.stream!(context, incoming, response),
        }
      : {}),
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
