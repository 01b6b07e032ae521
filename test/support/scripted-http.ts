// Test-only: a platform HTTP client whose answers are scripted, recording every request.
import { DEFAULT_GRAPH_API_VERSION, type PlatformId } from '../../src-shared/platforms';
import { createOriginTable } from '../../src-main/core/net/origin-table';
import type {
  AdapterContext,
  RateLimitSnapshot,
} from '../../src-main/core/platforms/platform-adapter';
import { createPlatformHttp } from '../../src-main/core/net/platform-http';
import type { TokenSecrets } from '../../src-main/core/vault/types';

export interface RecordedRequest {
  method: string;
  /** The URL actually fetched (after the origin table). */
  url: URL;
  headers: Headers;
  body: string;
  /** Parsed form body (empty for GET). */
  form: URLSearchParams;
}

export type Answer = { status?: number; body?: unknown; headers?: Record<string, string> } | Error;

export interface Scripted {
  context: AdapterContext;
  requests: RecordedRequest[];
  rateLimits: RateLimitSnapshot[];
  /** Queue the next answers, in order. */
  answer(...answers: Answer[]): void;
  clock: { now: number };
}

/** Each request advances the clock by `latencyMs`, so "sent at" and "answered at" differ. */
export function scripted(
  options: { platform?: PlatformId; latencyMs?: number; origins?: Record<string, string> } = {},
): Scripted {
  const queue: Answer[] = [];
  const requests: RecordedRequest[] = [];
  const rateLimits: RateLimitSnapshot[] = [];
  const clock = { now: 1_800_000_000_000 };
  const http = createPlatformHttp({
    platform: options.platform ?? 'x',
    origins: createOriginTable(options.origins ?? {}),
    async fetch(url, init) {
      const body = init.body === undefined || init.body === null ? '' : String(init.body);
      requests.push({
        method: init.method ?? 'GET',
        url,
        headers: new Headers(init.headers),
        body,
        form: new URLSearchParams(body),
      });
      clock.now += options.latencyMs ?? 5_000;
      const next = queue.shift();
      if (!next) throw new Error(`no scripted answer for ${url.pathname}`);
      if (next instanceof Error) throw next;
      const text =
        next.body === undefined
          ? ''
          : typeof next.body === 'string'
            ? next.body
            : JSON.stringify(next.body);
      return new Response(text, {
        status: next.status ?? 200,
        headers: {
          'content-type': typeof next.body === 'string' ? 'text/html' : 'application/json',
          ...next.headers,
        },
      });
    },
  });
  return {
    context: {
      http,
      now: () => clock.now,
      graphApiVersion: () => DEFAULT_GRAPH_API_VERSION,
      onRateLimit: (snapshot) => rateLimits.push(snapshot),
    },
    requests,
    rateLimits,
    clock,
    answer: (...answers) => queue.push(...answers),
  };
}

/** A callback query as the loopback listener hands it over. */
export function callbackOf(params: Record<string, string>): URLSearchParams {
  return new URLSearchParams(params);
}

/** A valid RFC 7636 verifier (43 characters). */
export const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';

export const ATTEMPT = {
  redirectUri: 'http://127.0.0.1:47483/callback',
  state: 'state-0123456789abcdefghijklmnopqrstuvwxyzABC',
  codeVerifier: VERIFIER,
};

/** A refused answer as adapters classify it. */
export function failureOf(
  endpoint: 'token' | 'api',
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  path?: string,
) {
  return { endpoint, status, body, headers: new Headers(headers), ...(path ? { path } : {}) };
}

/** The rejection of a promise, which must be an Error. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<Error & Record<string, unknown>> {
  const outcome = await promise.then(
    () => ({ ok: true as const }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error('expected a rejection');
  return outcome.error as Error & Record<string, unknown>;
}

export const CLIENT = { clientId: 'client-id', clientSecret: 'client-SECRET' };
export const PUBLIC_CLIENT = { clientId: 'client-id', clientSecret: null };

/** The adapter under test, built on a scripted client: the setup every adapter test shares. */
export function scriptedAdapter<A>(
  platform: PlatformId,
  create: (context: AdapterContext) => A,
): Scripted & { adapter: A } {
  const s = scripted({ platform });
  return { ...s, adapter: create(s.context) };
}

/** An account's stored secrets as the vault hands them to an adapter; name what the test needs. */
export function storedSecrets(
  secrets: Pick<TokenSecrets, 'platform' | 'accessToken' | 'scopes'> & Partial<TokenSecrets>,
): TokenSecrets {
  return {
    accountId: 'a1',
    refreshToken: null,
    issuedAt: 0,
    accessExpiresAt: 0,
    refreshExpiresAt: null,
    generation: 1,
    ...secrets,
  };
}
