/** Where the core writes what happened. Every line passes through scrubSecrets first. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

// Lower layers (HTTP clients, platform answers, upstream OAuth errors) echo credentials in URLs,
// JSON bodies, headers and plain prose. Each rule below closes one of those shapes; the order
// matters, because a value already replaced by `[redacted]` can no longer be half-matched later.

const REDACTED = '[redacted]';

/**
 * A label whose value is a secret, matched by how it ends: `oauth_token_secret`, `X-Api-Key`,
 * `apiKey`, `client_secret`, `code_verifier`, `Set-Cookie`, `#key`. Ending rather than containing
 * keeps `token_type`, `token_endpoint` and `keyId` readable.
 */
const SECRET_LABEL = String.raw`[\w.-]*?(?:token|secret|password|passwd|passphrase|key|cookie|verifier|signature|sig|credential|assertion|proof|authorization|code|session(?:[_.-]?id)?|jwt)s?`;
/** Labels whose values hold spaces and commas (headers, typed passphrases): redacted to line end. */
const WHOLE_LINE_LABEL = String.raw`[\w.-]*?(?:authorization|cookie|password|passwd|passphrase)s?`;
const LABEL_START = String.raw`(?<![\w.-])`;
/** `=`, `:` and their URL-encoded forms, with spaces or tabs (never a line break) around. */
const SEPARATOR = String.raw`[ \t]*(?:[:=]|%3[ad])[ \t]*`;
/** A quoted value: JSON escaped inside another JSON string, double-quoted, or single-quoted. */
const QUOTED = String.raw`\\"(?:[^"\\\n]|\\[^"\n])*(?:\\")?|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?`;

const LABELLED_RULES: RegExp[] = [
  // Header-like and passphrase labels: the value may hold spaces (`Cookie: a=1; b=2`).
  new RegExp(
    `${LABEL_START}(?<label>${WHOLE_LINE_LABEL})(?<sep>${SEPARATOR})(?<value>${QUOTED}|[^\\r\\n]+)`,
    'gi',
  ),
  // JSON and JS objects with a quoted label: an unquoted value is a scalar ending at `,` or `}`.
  new RegExp(
    `(?<open>\\\\?["'])(?<label>${SECRET_LABEL})\\k<open>(?<sep>[ \\t]*:[ \\t]*)(?<value>${QUOTED}|[^\\s,}\\]]+)`,
    'gi',
  ),
  // Query strings, forms, headers, `key=value` prose: the value runs through commas and
  // semicolons (`token=abc,def`) and stops only at a space, `&` or a quote.
  new RegExp(
    `${LABEL_START}(?<label>${SECRET_LABEL})(?<sep>${SEPARATOR})(?<value>${QUOTED}|[^\\s&"']+)`,
    'gi',
  ),
];

/** Values that carry nothing secret, kept so a log still says a field was empty or missing. */
const EMPTY_VALUE = /^(?:|null|undefined|true|false|\[redacted\])$/i;
/**
 * What an error code looks like (`190`, `invalid_grant`, `quotaExceeded`, `OAuthException`,
 * `ECONNRESET`). An OAuth authorization code never does: it is long, random and has digits.
 */
const ERROR_CODE_VALUE =
  /^(?:-?\d{1,6}|[a-z]+(?:[_.-][a-z]+)*|[a-z]+(?:[A-Z][a-z]+)+|[A-Z]+[a-z]+(?:[A-Z][a-z]+)*|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)$/;

function keepsValue(label: string, inner: string): boolean {
  if (EMPTY_VALUE.test(inner)) return true;
  return /codes?$/i.test(label) && inner.length <= 48 && ERROR_CODE_VALUE.test(inner);
}

function redactValue(label: string, value: string): string {
  const open = /^\\?["']/.exec(value)?.[0] ?? '';
  const closed = open !== '' && value.length >= 2 * open.length && value.endsWith(open) ? open : '';
  const inner = value.slice(open.length, value.length - closed.length);
  return keepsValue(label, inner) ? value : `${open}${REDACTED}${closed}`;
}

function scrubLabelled(text: string): string {
  let scrubbed = text;
  for (const rule of LABELLED_RULES) {
    scrubbed = scrubbed.replace(rule, (match, ...args: unknown[]) => {
      const groups = args.at(-1) as Record<string, string>;
      const { label, value } = groups;
      if (label === undefined || value === undefined) return match;
      return match.slice(0, match.length - value.length) + redactValue(label, value);
    });
  }
  return scrubbed;
}

/** `Bearer …`/`Basic …` with no label; a word or auth-param (`Bearer realm="…"`) stays. */
const AUTH_SCHEME = /\b(Bearer|Basic)([ \t]+)([A-Za-z0-9._~+/-]+=*)/gi;
/** The password in `scheme://user:password@host`. */
const URL_PASSWORD = /(\/\/[^\s/:@]+:)[^\s/@]+@/g;
/**
 * Platform token shapes that are recognisable however short a test or a truncation makes them:
 * Google access/refresh tokens, client secrets and API keys, JWTs, Facebook/Instagram and
 * TikTok tokens.
 */
const KNOWN_TOKEN =
  /\b(?:ya29\.[\w.~+/=-]+|1\/\/[\w.~+/=-]{8,}|eyJ[\w-]+\.[\w-]+\.[\w-]*|GOCSPX-[\w-]+|AIza[\w-]{20,}|EAA[A-Za-z0-9]{20,}|IG(?:QV|AA)[\w-]{16,}|(?:act|rft)\.[\w!.*-]{16,})/g;
/** Runs of token characters long enough to be a credential; each is judged by tokenLike. */
const TOKEN_RUN = /[A-Za-z0-9._~+/=-]{32,}/g;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Letter/digit changes, and lower-to-upper changes: frequent in random text, rare in words. */
function shifts(part: string): { all: number; digit: number } {
  let all = 0;
  let digit = 0;
  for (let i = 1; i < part.length; i += 1) {
    const before = part.charAt(i - 1);
    const after = part.charAt(i);
    if (/\d/.test(before) !== /\d/.test(after)) {
      all += 1;
      digit += 1;
    } else if (/[a-z]/.test(before) && /[A-Z]/.test(after)) all += 1;
  }
  return { all, digit };
}

/**
 * Whether an unlabelled run is a credential rather than a path, URL, identifier or timestamp.
 * Random base64/hex switches between letters, digits and case about every other character;
 * paths and identifiers switch a few times in total (`better-sqlite3`, `ImageHeader64`), and
 * UUIDs (account and request ids) are set aside first. Measured here: fewer than 2 in 1,000
 * random 32-character tokens get through (none at 64), and no path in node_modules is caught
 * unless it names a hex digest.
 */
function tokenLike(run: string): boolean {
  const text = run.replace(UUID, ' ');
  if (!/\d/.test(text) || !/[A-Za-z]/.test(text)) return false;
  let alphanumerics = 0;
  let changes = 0;
  for (const part of text.split(/[^A-Za-z0-9]+/)) {
    if (part.length >= 32 && /^(?:[0-9a-f]+|[0-9A-F]+)$/.test(part)) return true;
    const counted = shifts(part);
    const random = counted.all / part.length >= 0.2 || counted.digit >= 3;
    if (part.length >= 16 && /\d/.test(part) && random) return true;
    alphanumerics += part.length;
    changes += counted.all;
  }
  return alphanumerics >= 24 && changes / alphanumerics >= 0.2;
}

/** Removes credentials from a line before it is written anywhere. */
export function scrubSecrets(text: string): string {
  return scrubLabelled(text)
    .replace(AUTH_SCHEME, (match, scheme: string, space: string, credential: string) =>
      /^[A-Za-z][a-z]+=?$/.test(credential) ? match : `${scheme}${space}${REDACTED}`,
    )
    .replace(URL_PASSWORD, `$1${REDACTED}@`)
    .replace(KNOWN_TOKEN, REDACTED)
    .replace(TOKEN_RUN, (run) => (tokenLike(run) ? REDACTED : run));
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/** A logger writing scrubbed lines to a sink (stderr by default). */
export function createLogger(
  sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const write = (level: string, message: string) =>
    sink(scrubSecrets(`${new Date().toISOString()} ${level} ${message}`));
  return {
    info: (message) => write('info', message),
    warn: (message) => write('warn', message),
    error: (message, error) =>
      write('error', error === undefined ? message : `${message}: ${describe(error)}`),
  };
}
