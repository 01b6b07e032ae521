import { badResponse, isRecord } from '../oauth/oauth-errors';
import type { TokenSecrets } from '../vault/types';
import type { OAuthClient, OAuthClientIdentity } from '../oauth/oauth-client';
import type {
  AdapterContext,
  ClientCredentials,
  ConnectAttempt,
  PlatformAdapter,
} from './platform-adapter';
import { PlatformError, type HttpFailure } from '../net/platform-error';
import { readBody, type PlatformRequestInit } from '../net/platform-http';

/** What every adapter's API helper needs: where to send, how to read a refusal. */
export interface ApiCaller {
  context: AdapterContext;
  platformName: string;
  classify(failure: HttpFailure): PlatformError;
}

export interface JsonAnswer {
  body: Record<string, unknown>;
  headers: Headers;
  status: number;
}

/** Sends one request to a real platform URL; a non-2xx answer is classified and thrown. */
export async function requestJson(
  caller: ApiCaller,
  url: URL | string,
  init: PlatformRequestInit = {},
  endpoint: HttpFailure['endpoint'] = 'api',
): Promise<JsonAnswer> {
  const response = await caller.context.http.fetch(url, init);
  const body = await readBody(response);
  if (response.status < 200 || response.status > 299) {
    throw caller.classify({
      endpoint,
      status: response.status,
      headers: response.headers,
      body,
      path: new URL(url).pathname,
    });
  }
  if (!isRecord(body)) {
    throw badResponse(
      caller.platformName,
      typeof body === 'string' && body !== '' ? 'not JSON' : 'an empty answer',
    );
  }
  return { body, headers: response.headers, status: response.status };
}

export function bearer(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}` };
}

/** The client secret, or a clear "add it in Settings" error (Google, Meta and TikTok need one). */
export function requireSecret(client: ClientCredentials, platformName: string): string {
  if (client.clientSecret) return client.clientSecret;
  throw new PlatformError('platform_not_configured', {
    kind: 'bad_configuration',
    message: `${platformName} needs the developer app’s client secret as well as its client id; add it in Settings → Platforms.`,
  });
}

/** The stored refresh token, or needs-reauth: without one there is nothing to refresh with. */
export function requireRefreshToken(secrets: TokenSecrets, platformName: string): string {
  if (secrets.refreshToken) return secrets.refreshToken;
  throw new PlatformError('token_rejected', {
    kind: 'needs_reauth',
    message: `Switchboard holds no ${platformName} refresh token for this account; reconnect it.`,
  });
}

/** A string field of a platform answer, or a bad-response error naming the field. */
export function requireString(
  body: Record<string, unknown>,
  field: string,
  platformName: string,
): string {
  const value = body[field];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  throw badResponse(platformName, `no "${field}"`);
}

export function stringOrNull(value: unknown): string | null {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

/** Counts arrive as numbers or (YouTube) decimal strings. */
export function countOrNull(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return null;
}

/**
 * The code of a redirect the adapter reads itself (Meta paths, which oauth4webapi does not
 * parse): the listener checked `state` already; checking again costs nothing.
 */
export function callbackCode(
  callback: URLSearchParams,
  attempt: ConnectAttempt,
  platformName: string,
): string {
  const error = callback.get('error');
  if (error) {
    throw new PlatformError(error === 'access_denied' ? 'oauth_denied' : 'oauth_code_rejected', {
      kind: 'permission',
      platformCode: error,
    });
  }
  // Instagram appends `#_`; a browser drops fragments, a pasted URL may not.
  const code = callback.get('code')?.replace(/#_$/, '');
  if (callback.get('state') !== attempt.state || !code) {
    throw new PlatformError('oauth_code_rejected', {
      kind: 'permission',
      message: `The answer from ${platformName} did not carry a usable sign-in code; start the sign-in again.`,
    });
  }
  return code;
}

/** When a lifetime in seconds ends, counted from when the request was SENT; the fallback when none is stated. */
export function expiresAt(
  sentAt: number,
  seconds: unknown,
  fallbackSeconds: number | null,
): number | null {
  const value = Number(seconds);
  if (seconds !== undefined && seconds !== null && Number.isFinite(value) && value > 0) {
    return sentAt + value * 1000;
  }
  return fallbackSeconds === null ? null : sentAt + fallbackSeconds * 1000;
}

/**
 * The code exchange and refresh of a platform that follows RFC 6749 through the generic client
 * (YouTube, TikTok, X). What differs — client authentication, rotation — lives in `identity`
 * and in what the platform answers; the stored refresh token is kept when an answer has none.
 */
export function standardGrants(
  /** The client for these credentials (TikTok's relayed app has its own token endpoint). */
  oauthFor: OAuthClient | ((client: ClientCredentials) => OAuthClient),
  identity: (client: ClientCredentials) => OAuthClientIdentity,
  platformName: string,
  fallbackScopes: (callback: URLSearchParams) => readonly string[],
): Pick<PlatformAdapter, 'exchangeCode' | 'refresh'> {
  const pick = (client: ClientCredentials) =>
    typeof oauthFor === 'function' ? oauthFor(client) : oauthFor;
  return {
    async exchangeCode(callback, attempt, client) {
      const grant = await pick(client).exchangeCode(identity(client), {
        callback,
        redirectUri: attempt.redirectUri,
        state: attempt.state,
        codeVerifier: attempt.codeVerifier,
        fallbackScopes: fallbackScopes(callback),
      });
      return { tokens: grant.tokens, grantedScopes: grant.grantedScopes };
    },
    async refresh(secrets, client) {
      const grant = await pick(client).refresh(
        identity(client),
        requireRefreshToken(secrets, platformName),
        secrets.scopes,
      );
      return grant.tokens;
    },
  };
}
