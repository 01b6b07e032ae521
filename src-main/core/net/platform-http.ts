import { fetch as undiciFetch } from 'undici';
import type { PlatformId } from '../../../src-shared/platforms';
import type { OriginTable } from './origin-table';
import { PlatformError } from './platform-error';

/** How every adapter reaches its platform: through the origin table, with a time limit. */
export interface PlatformHttp {
  /** Fetches a real platform URL (rewritten by the origin table). Network failures and time-outs throw a `retry` PlatformError. */
  fetch(realUrl: string | URL, init?: PlatformRequestInit): Promise<Response>;
  readonly origins: OriginTable;
}

export interface PlatformRequestInit extends RequestInit {
  timeoutMs?: number;
}

export type FetchLike = (url: URL, init: RequestInit) => Promise<Response>;

/** Records each request for `switchboard_platform_requests_total`. */
export type RequestRecorder = (path: string, status: number | 'network') => void;

export function createPlatformHttp(options: {
  platform: PlatformId;
  origins: OriginTable;
  timeoutMs?: number;
  fetch?: FetchLike;
  record?: RequestRecorder;
}): PlatformHttp {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const fetchImpl: FetchLike =
    options.fetch ??
    ((url, init) => undiciFetch(url, init as never) as unknown as Promise<Response>);
  return {
    origins: options.origins,
    async fetch(realUrl, init = {}) {
      const real = new URL(realUrl);
      const target = options.origins.url(real);
      const { timeoutMs: own, ...rest } = init;
      const limit = own ?? timeoutMs;
      const signal = rest.signal
        ? AbortSignal.any([rest.signal, AbortSignal.timeout(limit)])
        : AbortSignal.timeout(limit);
      try {
        const response = await fetchImpl(target, { ...rest, signal, redirect: 'manual' });
        options.record?.(real.pathname, response.status);
        return response;
      } catch (error) {
        options.record?.(real.pathname, 'network');
        const timedOut = (error as Error).name === 'TimeoutError';
        throw new PlatformError('platform_unreachable', {
          kind: 'retry',
          message: timedOut
            ? `${real.host} gave no answer within ${Math.round(limit / 1000)} s; try again.`
            : `${real.host} could not be reached; check your connection and try again.`,
          cause: error,
        });
      }
    },
  };
}

/** Reads a response body as JSON, or its text when it is not JSON (never throws). */
export async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `Retry-After` (seconds or a date) or an epoch-seconds reset header, as epoch ms. */
export function resetFromHeaders(
  headers: Headers,
  now: number,
  resetHeader?: string,
): number | null {
  if (resetHeader) {
    const epoch = Number(headers.get(resetHeader));
    if (Number.isFinite(epoch) && epoch > 0) return epoch * 1000;
  }
  const retryAfter = headers.get('retry-after');
  if (!retryAfter) return null;
  const seconds = Number(retryAfter);
  if (Number.isFinite(seconds)) return now + seconds * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? null : date;
}
