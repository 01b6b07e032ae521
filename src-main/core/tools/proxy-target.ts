import { AppError } from '../../../src-shared/errors';
import type { ProviderId } from '../../../src-shared/platforms';
import type { OriginTable } from '../net/origin-table';

/** The real API origin a tool's proxied call goes to, by how the account was connected. */
export const API_ORIGINS: Record<ProviderId, string> = {
  youtube: 'https://www.googleapis.com',
  instagram: 'https://graph.instagram.com',
  facebook: 'https://graph.facebook.com',
  tiktok: 'https://open.tiktokapis.com',
  x: 'https://api.x.com',
};

const PROXY_PREFIX = /^\/v1\/proxy\/([A-Za-z0-9-]{1,64})(\/[^?#]*)?(\?[^#]*)?$/;
/** Encoded slash, backslash or dot, raw backslash, control characters and spaces. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const FORBIDDEN = /%2f|%5c|%2e|\\|[\u0000-\u0020\u007f]/i;

export interface ProxyTarget {
  accountId: string;
  /** The platform path as the tool wrote it (never normalised). */
  path: string;
  /** The URL actually called, after the origin table. */
  url: URL;
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
  const path = match?.[2];
  if (!match || !path || path === '/') throw new AppError('proxy_path_invalid');
  const query = match[3] ?? '';
  const segments = path.split('/').slice(1);
  if (
    FORBIDDEN.test(path) ||
    path.includes('//') ||
    segments.some((segment) => segment === '.' || segment === '..')
  ) {
    throw new AppError('proxy_path_invalid');
  }
  const origin = API_ORIGINS[provider];
  const real = new URL(`${origin}${path}${query}`);
  // Belt and braces: the parser must not have moved us to another origin or path.
  if (real.origin !== origin || real.pathname !== path) throw new AppError('proxy_path_invalid');
  return { accountId: match[1]!, path, url: origins.url(real) };
}
