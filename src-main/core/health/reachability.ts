import { request } from 'undici';

export interface ReachabilityResult {
  reachable: boolean;
  /** Seconds until the host answered, or until we gave up. */
  seconds: number;
  /** Plain words: the HTTP status, or why it failed. Never a URL with credentials. */
  detail: string;
}

/**
 * Asks a platform's API host for anything at all: any HTTP answer (401 included) proves the
 * host is reachable. Bounded by `timeoutMs`, so a hanging platform cannot hold a health answer.
 */
export async function probeReachability(
  url: string,
  timeoutMs: number,
  now: () => number = performance.now.bind(performance),
): Promise<ReachabilityResult> {
  const started = now();
  try {
    const response = await request(url, {
      method: 'GET',
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    await response.body.dump();
    return {
      reachable: true,
      seconds: (now() - started) / 1000,
      detail: `HTTP ${response.statusCode}`,
    };
  } catch (error) {
    return {
      reachable: false,
      seconds: (now() - started) / 1000,
      detail: failureDetail(error, timeoutMs),
    };
  }
}

/** undici's own timeouts; the abort signal's timeout arrives as a DOMException named TimeoutError. */
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Why a probe failed, in plain words. A DOMException's `code` is a legacy number (23 for a
 * timeout), so the name decides for those; Node's errors carry a string code such as ECONNREFUSED.
 */
export function failureDetail(error: unknown, timeoutMs: number): string {
  const { name, code } = (error ?? {}) as { name?: unknown; code?: unknown };
  const stringCode = typeof code === 'string' ? code : undefined;
  const timedOut =
    name === 'TimeoutError' ||
    name === 'AbortError' ||
    (stringCode !== undefined && TIMEOUT_CODES.has(stringCode));
  if (timedOut) return `no answer within ${timeoutMs} ms`;
  return `unreachable (${stringCode ?? (typeof name === 'string' ? name : 'error')})`;
}
