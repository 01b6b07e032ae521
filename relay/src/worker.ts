import { createRelay } from './relay';

/**
 * The Cloudflare Workers entry. Cloudflare sets CF-Connecting-IP itself on every request that
 * reaches a Worker (a client cannot forge it there), so it keys the per-client rate limit.
 */
export default createRelay({
  clientOf: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
});
