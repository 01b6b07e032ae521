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
    const name =
      (error as { name?: string; code?: string }).code ?? (error as Error).name ?? 'error';
    const timedOut =
      name === 'TimeoutError' || name === 'UND_ERR_HEADERS_TIMEOUT' || name === 'AbortError';
    return {
      reachable: false,
      seconds: (now() - started) / 1000,
      detail: timedOut ? `no answer within ${timeoutMs} ms` : `unreachable (${name})`,
    };
  }
}
