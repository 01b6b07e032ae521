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

/**
 * What a tool may not reach on an account's API origin: the platform's own token minting,
 * exchange, refresh and revocation. A token minted there would outlive the tool key (revoking the
 * key would not end it), and a revocation would end the account's grant behind the creator's
 * back. Matched on the normalised path (and Graph's parameters), ignoring case.
 */
export interface TokenGuard {
  /** Paths (after normalisation) that are refused whatever the method. */
  paths: readonly RegExp[];
  /** Parameters refused outright, in the query or a body (Graph's batch and method override). */
  params?: readonly string[];
  /** Field names a Graph `fields` list may not name, at any depth (`accounts{access_token}`). */
  fields?: readonly string[];
  /** Graph edges whose default fields include a token: only with explicit fields without it. */
  tokenEdges?: readonly string[];
  /** Whether the platform also reads parameters from a request body (Graph does). */
  bodyParams?: boolean;
}

/** Graph's optional version prefix (`/v27.0`). */
const V = String.raw`(?:/v\d+(?:\.\d+)?)?`;
const GRAPH_ROOT = new RegExp(`^${V}/?$`, 'i');
const GRAPH_PARAMS = ['batch', 'method'];

export const TOKEN_GUARDS: Record<ProviderId, TokenGuard> = {
  // oauth2.googleapis.com/token and /revoke, and the older www.googleapis.com/oauth2/v4/token.
  youtube: { paths: [/^\/(?:token|revoke|tokeninfo)(?:\/|$)/i, /^\/(?:o\/)?oauth2(?:\/|$)/i] },
  instagram: {
    paths: [
      new RegExp(`^${V}/(?:refresh_access_token|access_token|oauth)(?:/|$)`, 'i'),
      GRAPH_ROOT,
    ],
    params: GRAPH_PARAMS,
    fields: ['access_token'],
    bodyParams: true,
  },
  // `me/accounts` answers each Page's token by default; a batch at the root could ask for it.
  facebook: {
    paths: [new RegExp(`^${V}/oauth(?:/|$)`, 'i'), GRAPH_ROOT],
    params: GRAPH_PARAMS,
    fields: ['access_token'],
    tokenEdges: ['accounts'],
    bodyParams: true,
  },
  tiktok: { paths: [/^(?:\/v\d+)?\/oauth(?:\/|$)/i] },
  // OAuth 2.0 (/2/oauth2/token, /2/oauth2/revoke) and the older /oauth2/token, /oauth/*.
  x: { paths: [/^(?:\/\d+(?:\.\d+)?)?\/oauth2?(?:\/|$)/i] },
};

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
  const origin = API_ORIGINS[provider];
  const real = new URL(`${origin}${path}${query}`);
  // Belt and braces: the parser must not have moved us to another origin or path.
  if (real.origin !== origin || real.pathname !== path) throw new AppError('proxy_path_invalid');
  return { accountId: match[1]!, path, query, url: origins.url(real) };
}
