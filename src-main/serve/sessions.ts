import { randomBytes, timingSafeEqual } from 'node:crypto';
import { sha256Hex } from '../core/sha256';

/** Sessions kept at once; each takes a fresh printed link, so honest use stays far below. */
export const MAX_SESSIONS = 64;

const newSecret = () => randomBytes(32).toString('base64url');

function sameDigest(aHex: string, bHex: string): boolean {
  return timingSafeEqual(Buffer.from(aHex, 'hex'), Buffer.from(bHex, 'hex'));
}

/** Every value sent for cookie `name` (another server on 127.0.0.1 may have set a second one). */
function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  return header.split(';').flatMap((pair) => {
    const at = pair.indexOf('=');
    return at > 0 && pair.slice(0, at).trim() === name ? [pair.slice(at + 1).trim()] : [];
  });
}

/**
 * Serve mode's credentials. The printed link carries a one-use secret, which the page trades for
 * a session token in an HttpOnly cookie: browsers keep the link in their history, so it must stop
 * working once used. Only SHA-256 digests are held, like the metrics token.
 */
export function createSessionStore(port: number) {
  // Cookies ignore ports: naming ours by port keeps two serve instances on one machine apart.
  const cookieName = `sb_session_${port}`;
  let linkSha256: string | null = null;
  const sessions = new Set<string>();

  return {
    cookieName,
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
    /** Whether the Cookie header holds a live session token. */
    isSession(cookieHeader: string | undefined): boolean {
      return cookieValues(cookieHeader, cookieName).some((value) => sessions.has(sha256Hex(value)));
    },
    /** No `Secure`: the page is plain http on loopback. `Path=/api` keeps it off static requests. */
    setCookie: (token: string) => `${cookieName}=${token}; HttpOnly; SameSite=Strict; Path=/api`,
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
