import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../core/sha256';

/** Sessions kept at once; each takes a fresh printed link, so honest use stays far below. */
export const MAX_SESSIONS = 64;

const newSecret = () => randomBytes(32).toString('base64url');

function sameDigest(aHex: string, bHex: string): boolean {
  return timingSafeEqual(Buffer.from(aHex, 'hex'), Buffer.from(bHex, 'hex'));
}

/**
 * Serve mode's credentials. The printed link carries a one-use secret, which the page trades for
 * a session token: browsers keep the link in their history, so it must stop working once used.
 * The token travels only as `Authorization: Bearer`, never as a cookie: browsers send a cookie
 * for 127.0.0.1 to every port on it, so any local program serving a page there would receive it.
 * The page keeps the token in sessionStorage, which belongs to our exact origin (port included).
 * Only SHA-256 digests are held, like the metrics token.
 */
export function createSessionStore() {
  let linkSha256: string | null = null;
  const sessions = new Set<string>();

  return {
    /** Mints the secret of a fresh printed link; an earlier unspent link stops working. */
    newLinkSecret(): string {
      const secret = newSecret();
      linkSha256 = sha256Hex(secret);
      return secret;
    },
    /** Spends the current link secret for a new session token; null when it is not that secret. */
    exchange(secret: string): string | null {
      if (!linkSha256 || !sameDigest(sha256Hex(secret), linkSha256)) return null;
      linkSha256 = null;
      const token = newSecret();
      sessions.add(sha256Hex(token));
      if (sessions.size > MAX_SESSIONS) sessions.delete(sessions.values().next().value!);
      return token;
    },
    /** Whether the bearer token (from the Authorization header) is a live session token. */
    isSession(bearer: string | null): boolean {
      return bearer !== null && sessions.has(sha256Hex(bearer));
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
