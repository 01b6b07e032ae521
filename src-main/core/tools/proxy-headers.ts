import type { IncomingHttpHeaders } from 'node:http';
import { cachedEchoMatcher, maskText } from './proxy-mask';

/** RFC 9110 §7.6.1 hop-by-hop fields, plus what only this hop may decide (host, expect). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
  'host',
  'http2-settings',
]);

/** The tool's own credentials and identity never reach a platform. */
const TOOL_ONLY = new Set([
  'authorization',
  'cookie',
  'origin',
  'referer',
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-real-ip',
  'x-api-key',
  'accept-encoding',
]);

/**
 * Method overrides: Google honours them, so a POST the audit trail records (and the posting cap
 * and rate limits see) could run as a DELETE or a PUT on the platform.
 */
const METHOD_OVERRIDES = new Set(['x-http-method-override', 'x-http-method', 'x-method-override']);

/** What a platform may not hand to the tool through us. */
const PLATFORM_ONLY = new Set([
  'set-cookie',
  'set-cookie2',
  'alt-svc',
  'strict-transport-security',
]);

function listedInConnection(headers: IncomingHttpHeaders | Record<string, unknown>): Set<string> {
  const value = headers.connection;
  const text = Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '';
  return new Set(
    text
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * The headers sent to the platform: the tool's end-to-end headers without hop-by-hop fields or
 * its own credentials, and the account's access token. `identity` encoding keeps the answer
 * readable for the secret scrubber (a compressed echo could not be found).
 */
export function upstreamHeaders(
  incoming: IncomingHttpHeaders,
  accessToken: string,
  bodyLength: number | null,
): Record<string, string> {
  const extra = listedInConnection(incoming);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || HOP_BY_HOP.has(name) || TOOL_ONLY.has(name) || extra.has(name))
      continue;
    if (name.startsWith('x-switchboard-') || name.startsWith('sec-')) continue;
    if (METHOD_OVERRIDES.has(name)) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (bodyLength !== null) out['content-length'] = String(bodyLength);
  out.authorization = `Bearer ${accessToken}`;
  out['accept-encoding'] = 'identity';
  return out;
}

/** The platform's answer headers a tool may see; a secret in a value (a Location) is masked. */
export function downstreamHeaders(
  headers: Record<string, string | string[] | undefined>,
  secrets: readonly string[] = [],
): Record<string, string | string[]> {
  const extra = listedInConnection(headers);
  const matcher = cachedEchoMatcher(secrets);
  const clean = (text: string) => maskText(text, matcher);
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || PLATFORM_ONLY.has(name) || extra.has(name))
      continue;
    out[name] = Array.isArray(value) ? value.map(clean) : clean(value);
  }
  out['cache-control'] = 'no-store';
  return out;
}
