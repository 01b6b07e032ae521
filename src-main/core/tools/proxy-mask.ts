/**
 * What the proxy's echo mask looks for. Best-effort by design: it catches a token repeated whole
 * in one of the cheap encodings below, matched without regard to ASCII case (a lower-cased echo,
 * `%2f` or `%2F`); a token split by the platform, partly encoded or wrapped in a format not listed
 * here passes. The real defence is that platforms do not echo tokens; this is the backstop.
 */

/** Shorter strings are not masked: they would hide ordinary text. */
export const MIN_SECRET_LENGTH = 8;

const hex = (code: number, width: number) => code.toString(16).padStart(width, '0');

/**
 * The token inside a base64 (or base64url) blob: at each of the three byte alignments, the run
 * of characters that depend only on the token's bytes, so an echo inside a longer encoded text
 * (`Bearer <token>` base64'd, a JSON document base64'd) is found too.
 */
function base64Cores(bytes: Buffer): string[] {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const from = Math.ceil((shift * 8) / 6);
    const to = Math.floor(((shift + bytes.length) * 8) / 6);
    const core = encoded.slice(from, to);
    cores.push(core, core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return cores;
}

/**
 * The token as a platform might repeat it: plain, URL-encoded (paging links, form style too),
 * JSON-escaped slashes, `%xx` of every byte, JSON `\uXXXX` of every character, HTML decimal and
 * hex character references, and base64 / base64url.
 */
export function echoesOf(token: string): string[] {
  const bytes = Buffer.from(token, 'utf8');
  const units = Array.from({ length: token.length }, (_, i) => token.charCodeAt(i));
  const codes = [...token].map((char) => char.codePointAt(0)!);
  return [
    token,
    encodeURIComponent(token),
    new URLSearchParams({ t: token }).toString().slice(2),
    token.replaceAll('/', '\\/'),
    [...bytes].map((byte) => `%${hex(byte, 2)}`).join(''),
    units.map((unit) => `\\u${hex(unit, 4)}`).join(''),
    codes.map((code) => `&#${code};`).join(''),
    codes.map((code) => `&#x${hex(code, 1)};`).join(''),
    ...base64Cores(bytes),
  ];
}

/**
 * Latin-1 lower case, byte for byte (lengths never change). Needles and answers are folded by
 * this one function, so every echo is still found whatever its ASCII case; folding the Latin-1
 * letters too can only find more. Done by V8's native lower-casing: a byte loop in JavaScript
 * was the mask's largest cost.
 */
function folded(buffer: Buffer): Buffer {
  return Buffer.from(buffer.toString('latin1').toLowerCase(), 'latin1');
}

export interface EchoMatcher {
  /** Length of the longest needle: a stream keeps this many bytes minus one between chunks. */
  readonly longest: number;
  /** Length of the shortest needle: a shorter text cannot hold an echo (0 when none). */
  readonly shortest: number;
  /** Overwrites every echo in `buffer` with `*` of the same length, in place. */
  mask(buffer: Buffer): Buffer;
}

/** A matcher for every echo of every secret (secrets shorter than MIN_SECRET_LENGTH are skipped). */
export function echoMatcher(secrets: readonly string[]): EchoMatcher {
  const texts = secrets.filter((secret) => secret.length >= MIN_SECRET_LENGTH).flatMap(echoesOf);
  const unique = new Map<string, Buffer>();
  for (const text of texts) {
    const needle = folded(Buffer.from(text, 'utf8'));
    if (needle.length >= MIN_SECRET_LENGTH) unique.set(needle.toString('latin1'), needle);
  }
  const needles = [...unique.values()];
  const shortest = needles.length === 0 ? 0 : Math.min(...needles.map((needle) => needle.length));
  return {
    longest: Math.max(0, ...needles.map((needle) => needle.length)),
    shortest,
    mask(buffer) {
      // Too short to hold any needle: nothing to fold or search (Content-Type, Date, `{}`).
      if (needles.length === 0 || buffer.length < shortest) return buffer;
      // Search a case-folded copy, mask the original: overlapping echoes are all found.
      const haystack = folded(buffer);
      for (const needle of needles) {
        let at = haystack.indexOf(needle);
        while (at >= 0) {
          buffer.fill(0x2a, at, at + needle.length);
          at = haystack.indexOf(needle, at + 1);
        }
      }
      return buffer;
    },
  };
}

/** How many tokens' matchers are kept: one per account in active use by a tool, roughly. */
const RECENT_MATCHERS = 64;
const recent = new Map<string, EchoMatcher>();

/**
 * `echoMatcher`, built once per set of secrets rather than per call: building one encodes each
 * token a dozen ways, which cost more than the rest of a proxied read. Least recently used
 * matchers go first; a rotated token's matcher simply ages out.
 */
export function cachedEchoMatcher(secrets: readonly string[]): EchoMatcher {
  const key = secrets.join('\n');
  let matcher = recent.get(key);
  if (matcher) recent.delete(key);
  else matcher = echoMatcher(secrets);
  recent.set(key, matcher);
  if (recent.size > RECENT_MATCHERS) recent.delete(recent.keys().next().value!);
  return matcher;
}

/** Masks a header value (latin1 on the wire, so the length stays the same). */
export function maskText(text: string, matcher: EchoMatcher): string {
  // Every needle is at least this long: shorter values (most headers) cannot hold one.
  if (text.length < matcher.shortest || matcher.longest === 0) return text;
  return matcher.mask(Buffer.from(text, 'latin1')).toString('latin1');
}

/** Masks a body that arrives in chunks: what `push` and `end` return, in order, is safe to send. */
export interface ChunkMasker {
  push(chunk: Buffer): Buffer;
  /** The bytes held back at the end; nothing after them can complete an echo. */
  end(): Buffer;
}

/**
 * The streaming form of the echo mask: keeps the last (longest echo − 1) bytes back between
 * chunks so an echo split across chunks is still found; the output has the input's length.
 */
export function chunkMasker(matcher: EchoMatcher): ChunkMasker {
  const keep = Math.max(0, matcher.longest - 1);
  let pending: Buffer = Buffer.alloc(0);
  return {
    push(chunk) {
      if (matcher.longest === 0) return chunk;
      // Masked in a copy: the chunk may be a view of memory that is not ours to change.
      const buffer = matcher.mask(Buffer.concat([pending, chunk]));
      const cut = Math.max(0, buffer.length - keep);
      pending = buffer.subarray(cut);
      return buffer.subarray(0, cut);
    },
    end() {
      const rest = pending;
      pending = Buffer.alloc(0);
      return rest;
    },
  };
}
