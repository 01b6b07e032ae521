import type { PlatformHttp } from '../net/platform-http';
import { sniffAvatar, type AvatarType } from './avatar-image';

/** CDNs redirect now and then (an old size to a new one); more hops than this is not an avatar. */
const MAX_REDIRECTS = 2;
const TIMEOUT_MS = 10_000;

/** Why an avatar was not fetched, in words for the log (never the URL: it may carry a signature). */
export class AvatarUnavailable extends Error {}

/**
 * The URL when it may be fetched: https on the default port, no user info, on one of the
 * platform's avatar hosts (descriptors' `avatars.hosts`); otherwise null and nothing is contacted.
 */
export function allowedAvatarUrl(url: string, hosts: readonly RegExp[]): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' || parsed.port !== '') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  return hosts.some((pattern) => pattern.test(parsed.hostname)) ? parsed : null;
}

/** Reads at most `maxBytes`, cancelling the download as soon as it is larger. */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new AvatarUnavailable(`larger than ${maxBytes} bytes`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AvatarUnavailable(`larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Downloads one avatar through the platform HTTP path (so the origin table applies) with no
 * credential of any kind: avatar URLs are public CDN links. Each redirect is checked against the
 * same hosts before it is followed.
 */
export async function fetchAvatar(
  http: PlatformHttp,
  url: URL,
  hosts: readonly RegExp[],
  maxBytes: number,
): Promise<{ type: AvatarType; bytes: Uint8Array }> {
  let current = url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const response = await http.fetch(current, {
      headers: { accept: 'image/png,image/jpeg,image/webp,image/gif' },
      timeoutMs: TIMEOUT_MS,
    });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      const next = location ? allowedAvatarUrl(new URL(location, current).href, hosts) : null;
      if (!next) throw new AvatarUnavailable(`redirected away from ${current.host}`);
      current = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new AvatarUnavailable(`${current.host} answered HTTP ${response.status}`);
    }
    const bytes = await readCapped(response, maxBytes);
    const type = sniffAvatar(bytes);
    if (!type) throw new AvatarUnavailable('not a PNG, JPEG, WebP or GIF picture');
    return { type, bytes };
  }
  throw new AvatarUnavailable('too many redirects');
}
