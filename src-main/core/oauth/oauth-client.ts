import * as oauth from 'oauth4webapi';
import { PlatformError, type HttpFailure } from '../net/platform-error';
import { readBody, type PlatformHttp } from '../net/platform-http';
import { asCodeRejection, badResponse, isRecord } from './oauth-errors';
import { toTokenGrant, type TokenGrant } from './token-grant';

/** A standards-following authorization server, always at its REAL https URLs. */
export interface OAuthServer {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  revocationEndpoint?: string;
}

/**
 * How the client proves itself at the token endpoint. Always chosen by the caller: X refuses
 * the wrong one and auto-detection guesses wrong (PLATFORMS.md).
 */
export type ClientAuthentication =
  /** A public client: `client_id` in the form body, no secret. */
  | { method: 'none' }
  /**
   * HTTP Basic. RFC 6749 §2.3.1 form-encodes id and secret first (`-` becomes `%2D`); servers
   * that never decode (X's clients send them raw) want `rawCredentials`.
   */
  | { method: 'client_secret_basic'; secret: string; rawCredentials?: boolean }
  | { method: 'client_secret_post'; secret: string }
  /** A platform's own shape (TikTok's `client_key` + `client_secret`). */
  | { method: 'custom'; apply: oauth.ClientAuth };

export interface OAuthClientIdentity {
  clientId: string;
  auth: ClientAuthentication;
}

export interface OAuthClientOptions {
  server: OAuthServer;
  http: PlatformHttp;
  now(): number;
  /** The adapter's classifier: turns a refused answer into a PlatformError. */
  classify(failure: HttpFailure): PlatformError;
  /** Used in sentences a creator reads ("X refused…"). */
  platformName: string;
  /** TikTok answers errors with HTTP 200 and an `error` in the body. */
  errorsInSuccessBody?: boolean;
  /** Plain http endpoints allowed: only for a relay on 127.0.0.1 (platforms/relay.ts). */
  allowInsecureRequests?: boolean;
}

function clientAuth(auth: ClientAuthentication): oauth.ClientAuth {
  switch (auth.method) {
    case 'none':
      return oauth.None();
    case 'client_secret_basic':
      if (!auth.rawCredentials) return oauth.ClientSecretBasic(auth.secret);
      return (_as, client, _body, headers) => {
        const pair = `${client.client_id}:${auth.secret}`;
        headers.set('authorization', `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`);
      };
    case 'client_secret_post':
      return oauth.ClientSecretPost(auth.secret);
    case 'custom':
      return auth.apply;
  }
}

function isResponse(value: unknown): value is Response {
  // undici's Response and Node's global one are different classes; compare by tag.
  return isRecord(value) && Object.prototype.toString.call(value) === '[object Response]';
}

/** The generic OAuth 2.0 machinery (RFC 6749, 7636, 7009) on oauth4webapi, through our HTTP. */
export interface OAuthClient {
  readonly server: OAuthServer;
  exchangeCode(
    client: OAuthClientIdentity,
    request: {
      callback: URLSearchParams;
      redirectUri: string;
      state: string;
      codeVerifier: string;
      fallbackScopes: readonly string[];
      extra?: Record<string, string>;
    },
  ): Promise<TokenGrant>;
  refresh(
    client: OAuthClientIdentity,
    refreshToken: string,
    fallbackScopes: readonly string[],
    extra?: Record<string, string>,
  ): Promise<TokenGrant>;
  revoke(
    client: OAuthClientIdentity,
    token: string,
    options?: { tokenTypeHint?: string; extra?: Record<string, string> },
  ): Promise<void>;
}

export function createOAuthClient(options: OAuthClientOptions): OAuthClient {
  const { server, http, platformName } = options;
  const as: oauth.AuthorizationServer = {
    issuer: server.issuer,
    authorization_endpoint: server.authorizationEndpoint,
    token_endpoint: server.tokenEndpoint,
    ...(server.revocationEndpoint ? { revocation_endpoint: server.revocationEndpoint } : {}),
  };
  // oauth4webapi sees the real https URLs (so its https checks hold); our fetch rewrites them.
  const transport = {
    ...(options.allowInsecureRequests ? { [oauth.allowInsecureRequests]: true } : {}),
    [oauth.customFetch]: (url: string, init: oauth.CustomFetchOptions<string, unknown>) =>
      http.fetch(url, {
        method: init.method,
        headers: init.headers,
        body: init.body as BodyInit,
        ...(init.signal ? { signal: init.signal } : {}),
      }),
  };

  async function failureOf(response: Response): Promise<HttpFailure> {
    return {
      endpoint: 'token',
      status: response.status,
      headers: response.headers,
      body: await readBody(response),
      path: new URL(server.tokenEndpoint).pathname,
    };
  }

  /** TikTok's HTTP 200 with `{"error": …}`: classify before oauth4webapi reads it as a success. */
  async function checkSuccessBody(response: Response): Promise<void> {
    if (!options.errorsInSuccessBody || response.status !== 200) return;
    const body = await readBody(response.clone());
    if (!isRecord(body)) return;
    const error = body.error;
    const failed =
      (typeof error === 'string' && error !== '') ||
      (isRecord(error) && typeof error.code === 'string' && error.code !== 'ok');
    if (failed) throw options.classify({ ...(await failureOf(response)), body });
  }

  async function translate(error: unknown): Promise<PlatformError> {
    if (error instanceof PlatformError) return error;
    if (error instanceof oauth.ResponseBodyError) {
      return options.classify({
        endpoint: 'token',
        status: error.status,
        headers: error.response.headers,
        body: error.cause,
        path: new URL(server.tokenEndpoint).pathname,
      });
    }
    if (error instanceof oauth.WWWAuthenticateChallengeError) {
      return options.classify(await failureOf(error.response));
    }
    if (error instanceof oauth.AuthorizationResponseError) {
      // TikTok also ends an ineligible account's sign-in with access_denied: show its reason.
      const code = error.error;
      const reason = error.error_description ? `: ${error.error_description.slice(0, 200)}` : '';
      return new PlatformError(code === 'access_denied' ? 'oauth_denied' : 'oauth_code_rejected', {
        kind: 'permission',
        platformCode: code,
        ...(code !== 'access_denied' || reason
          ? { message: `${platformName} ended the sign-in with “${code}”${reason}.` }
          : {}),
      });
    }
    if (error instanceof oauth.OperationProcessingError) {
      // A refusal oauth4webapi could not read as OAuth JSON (5xx, 429, an HTML error page, a
      // platform's own error shape): the body is still unread, so the adapter classifies it.
      if (isResponse(error.cause) && error.cause.status !== 200) {
        return options.classify(await failureOf(error.cause));
      }
      // Never attach oauth4webapi's cause: it can hold the whole token answer.
      return badResponse(platformName, error.message.replace(/"response" body /, ''));
    }
    if (error instanceof oauth.UnsupportedOperationError) {
      return badResponse(platformName, error.message);
    }
    throw error;
  }

  async function grant(
    send: () => Promise<Response>,
    process: (response: Response) => Promise<oauth.TokenEndpointResponse>,
    fallbackScopes: readonly string[],
  ): Promise<TokenGrant> {
    const sentAt = options.now();
    try {
      const response = await send();
      await checkSuccessBody(response);
      const answer = await process(response);
      return toTokenGrant(answer as Record<string, unknown>, sentAt, fallbackScopes);
    } catch (error) {
      throw await translate(error);
    }
  }

  /** The callback's `iss` (RFC 9207) names the issuer at its table origin in demo and tests. */
  function normalizeIssuer(callback: URLSearchParams): URLSearchParams {
    const copy = new URLSearchParams(callback);
    const iss = copy.get('iss');
    if (iss && iss !== server.issuer && iss === http.origins.url(server.issuer).origin) {
      copy.set('iss', server.issuer);
    }
    return copy;
  }

  return {
    server,
    async exchangeCode(client, request) {
      const meta: oauth.Client = { client_id: client.clientId };
      let params: URLSearchParams;
      try {
        params = oauth.validateAuthResponse(
          as,
          meta,
          normalizeIssuer(request.callback),
          request.state,
        );
      } catch (error) {
        const translated = await translate(error).catch(() => null);
        if (translated && translated.code !== 'platform_bad_response') throw translated;
        throw new PlatformError('oauth_code_rejected', {
          kind: 'permission',
          message: `The answer from ${platformName} did not carry a usable sign-in code; start the sign-in again.`,
        });
      }
      try {
        return await grant(
          () =>
            oauth.authorizationCodeGrantRequest(
              as,
              meta,
              clientAuth(client.auth),
              params,
              request.redirectUri,
              request.codeVerifier,
              { ...transport, additionalParameters: request.extra ?? {} },
            ),
          (response) => oauth.processAuthorizationCodeResponse(as, meta, response),
          request.fallbackScopes,
        );
      } catch (error) {
        throw error instanceof PlatformError ? asCodeRejection(error, platformName) : error;
      }
    },
    async refresh(client, refreshToken, fallbackScopes, extra) {
      const meta: oauth.Client = { client_id: client.clientId };
      return grant(
        () =>
          oauth.refreshTokenGrantRequest(as, meta, clientAuth(client.auth), refreshToken, {
            ...transport,
            additionalParameters: extra ?? {},
          }),
        (response) => oauth.processRefreshTokenResponse(as, meta, response),
        fallbackScopes,
      );
    },
    async revoke(client, token, revokeOptions = {}) {
      const meta: oauth.Client = { client_id: client.clientId };
      const extra = { ...revokeOptions.extra };
      if (revokeOptions.tokenTypeHint) extra.token_type_hint = revokeOptions.tokenTypeHint;
      try {
        const response = await oauth.revocationRequest(as, meta, clientAuth(client.auth), token, {
          ...transport,
          additionalParameters: extra,
        });
        await checkSuccessBody(response);
        await oauth.processRevocationResponse(response);
      } catch (error) {
        throw await translate(error);
      }
    },
  };
}
