import { sha256Hex } from './sha256';

const known = new Map<string, string>();
/** Enough for every account of a large vault; past it the memo starts over. */
const KNOWN_LIMIT = 20_000;

/**
 * A short stable name for an avatar's source URL: the cache file's name carries it (a changed
 * avatar is fetched again) and the account summary does (the renderer asks again), instead of the
 * URL itself, which names a CDN host and may carry the CDN's signature.
 */
export function avatarKey(url: string): string {
  let key = known.get(url);
  if (key === undefined) {
    // Memoised: accounts.list names every account's key, and hashing 10,000 URLs each time shows.
    if (known.size >= KNOWN_LIMIT) known.clear();
    key = sha256Hex(url).slice(0, 16);
    known.set(url, key);
  }
  return key;
}
