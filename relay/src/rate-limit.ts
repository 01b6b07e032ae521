/**
 * A token bucket per client address, kept in the isolate's memory. Not shared between Workers
 * isolates or relay processes, so it bounds one client's flood where it lands rather than
 * globally — enough to keep one noisy client from starving the others; Cloudflare's own rate
 * limiting rules can add a global bound in front. It holds addresses and counts, nothing else.
 */
export interface RateLimiter {
  /** True when this client may make one more request now. */
  take(client: string): boolean;
  /** Seconds until the client has a request again (for Retry-After). */
  retryAfter(client: string): number;
}

export interface RateLimitOptions {
  /** Requests a client may burst. */
  burst: number;
  /** Requests a client regains per second. */
  perSecond: number;
  /** The most clients remembered; the least recently seen are forgotten first. */
  maxClients: number;
  now?: () => number;
}

export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const now = options.now ?? Date.now;
  const buckets = new Map<string, { tokens: number; at: number }>();

  function refill(client: string) {
    const time = now();
    const bucket = buckets.get(client) ?? { tokens: options.burst, at: time };
    bucket.tokens = Math.min(
      options.burst,
      bucket.tokens + ((time - bucket.at) / 1000) * options.perSecond,
    );
    bucket.at = time;
    // Re-inserting keeps the Map ordered by last use, so the first key is the stalest.
    buckets.delete(client);
    buckets.set(client, bucket);
    if (buckets.size > options.maxClients) buckets.delete(buckets.keys().next().value!);
    return bucket;
  }

  return {
    take(client) {
      const bucket = refill(client);
      if (bucket.tokens < 1) return false;
      bucket.tokens -= 1;
      return true;
    },
    retryAfter(client) {
      const bucket = refill(client);
      return Math.max(1, Math.ceil((1 - bucket.tokens) / options.perSecond));
    },
  };
}
