import { AppError } from '../../../src-shared/errors';
import type { ProviderId } from '../../../src-shared/platforms';
import type { OriginTable } from '../net/origin-table';
import { DESCRIPTORS } from '../platforms/descriptors';

const PROXY_PREFIX = /^\/v1\/proxy\/([A-Za-z0-9-]{1,64})(\/[^?#]*)?(\?[^#]*)?$/;
/** Encoded slash, backslash or dot, raw backslash, control characters and spaces. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const FORBIDDEN = /%2f|%5c|%2e|\\|[\u0000-\u0020\u007f]/i;

export interface ProxyTarget {
  accountId: string;
  /**
   * The platform path, normalised (percent-encoded unreserved characters decoded): what is
   * matched, counted, refused, keyed for rate limits, audited and forwarded.
   */
  path: string;
  /** The query as the tool wrote it (`?…`, or empty). */
  query: string;
  /** The URL actually called, after the origin table. */
  url: URL;
}

/**
 * RFC 3986 §6.2.2: `%69nit` and `init` are the same path to the platform, so they must be to us
 * (a post counted by raw path passed the cap as `%69nit`). Unreserved characters are decoded;
 * other escapes keep their meaning, with upper-case hex.
 */
export function normalisePath(path: string): string {
  return path.replace(/%([0-9a-f]{2})/gi, (escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /^[A-Za-z0-9._~-]$/.test(char) ? char : escape.toUpperCase();
  });
}

/** The account id of a `/v1/proxy/{id}/…` URL, or null when it is not one. */
export function proxyAccountId(rawUrl: string): string | null {
  return PROXY_PREFIX.exec(rawUrl)?.[1] ?? null;
}

/**
 * Turns `/v1/proxy/{id}/{path}?{query}` into the platform URL for that account's API origin.
 * Refuses anything that could leave that origin or mean another path once normalised: `..` and
 * `.` segments, `//` (a scheme-relative URL), encoded slashes and dots, backslashes.
 */
export function proxyTarget(
  rawUrl: string,
  provider: ProviderId,
  origins: OriginTable,
): ProxyTarget {
  const match = PROXY_PREFIX.exec(rawUrl);
  const raw = match?.[2];
  if (!match || !raw || raw === '/' || FORBIDDEN.test(raw))
    throw new AppError('proxy_path_invalid');
  const path = normalisePath(raw);
  const query = match[3] ?? '';
  const segments = path.split('/').slice(1);
  if (path.includes('//') || segments.some((segment) => segment === '.' || segment === '..')) {
    throw new AppError('proxy_path_invalid');
  }
  const origin = DESCRIPTORS[provider].api.origin;
  const real = new URL(`${origin}${path}${query}`);
  // Belt and braces: the parser must not have moved us to another origin or path.
  if (real.origin !== origin || real.pathname !== path) throw new AppError('proxy_path_invalid');
  return { accountId: match[1]!, path, query, url: origins.url(real) };
}
