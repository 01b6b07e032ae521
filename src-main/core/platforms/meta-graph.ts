import type { AuthorizeParams } from '../oauth/authorize-url';
import type { ConnectAttempt } from './platform-adapter';
import { classifyOAuthError, isRecord, reauthError } from '../oauth/oauth-errors';
import type { TokenSet } from '../vault/types';
import { expiresAt, requireString } from './adapter-kit';
import { classifyByStatus, PlatformError, type HttpFailure } from '../net/platform-error';
import { resetFromHeaders } from '../net/platform-http';

/** Meta's documented long-lived lifetime, used only when an answer states none. */
export const META_LONG_LIVED_SECONDS = 60 * 24 * 60 * 60;

const THROTTLED = new Set([4, 17, 32, 341, 613]);

const TOKEN_SUBCODES: Record<number, string> = {
  458: 'the app was removed from the account',
  459: 'the account is checkpointed: log in on the website and follow the steps there first',
  460: 'the account’s password was changed',
  463: 'the token expired',
  464: 'the account is not confirmed yet: confirm it on the website first',
  467: 'the account logged out or the token was invalidated',
};

/** Graph's subcodes for a refused authorization code: invalid/expired, mismatch, used. */
const CODE_SUBCODES = new Set([36007, 36008, 36009]);

interface MetaErrorShape {
  code: number | null;
  subcode: number | null;
  message: string;
  /** Instagram Login's token endpoint answers a flat `{error_type, code, error_message}`. */
  flat: boolean;
}

function metaError(body: unknown): MetaErrorShape | null {
  if (!isRecord(body)) return null;
  const num = (value: unknown) =>
    Number.isFinite(Number(value)) && value !== null && value !== undefined ? Number(value) : null;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  if (isRecord(body.error)) {
    const { code, error_subcode, message } = body.error;
    return { code: num(code), subcode: num(error_subcode), message: text(message), flat: false };
  }
  if (typeof body.error_type === 'string') {
    return { code: num(body.code), subcode: null, message: text(body.error_message), flat: true };
  }
  return null;
}

/**
 * When Meta lets calls through again: Retry-After, else the largest
 * `estimated_time_to_regain_access` (minutes) in `X-Business-Use-Case-Usage`.
 */
export function metaResetAt(headers: Headers, now: number): number | null {
  const fromRetryAfter = resetFromHeaders(headers, now);
  if (fromRetryAfter !== null) return fromRetryAfter;
  const usage = headers.get('x-business-use-case-usage');
  if (!usage) return null;
  try {
    const parsed: unknown = JSON.parse(usage);
    let minutes = 0;
    for (const entries of isRecord(parsed) ? Object.values(parsed) : []) {
      for (const entry of Array.isArray(entries) ? entries : []) {
        const value = isRecord(entry) ? Number(entry.estimated_time_to_regain_access) : 0;
        if (Number.isFinite(value)) minutes = Math.max(minutes, value);
      }
    }
    return minutes > 0 ? now + minutes * 60_000 : null;
  } catch {
    return null;
  }
}

/** Meta's Graph error shapes, shared by both Instagram paths (PLATFORMS.md, "Meta errors"). */
export function classifyMeta(
  failure: HttpFailure,
  now: number,
  platformName: string,
): PlatformError {
  const resetAt = metaResetAt(failure.headers, now);
  const shape = metaError(failure.body);
  const status = failure.status;
  if (!shape) {
    const oauthError =
      failure.endpoint === 'token' ? classifyOAuthError(failure, platformName, resetAt) : null;
    return oauthError ?? classifyByStatus(failure, resetAt);
  }
  const { code, subcode } = shape;
  const platformCode =
    code === null ? null : subcode === null ? String(code) : `${code}/${subcode}`;
  const base = { status, platformCode };
  // A refused code at the token endpoint: Instagram Login's flat 400, Graph's 100/360xx.
  const refusedCode = shape.flat
    ? status === 400 || code === 400
    : code === 100 && subcode !== null && CODE_SUBCODES.has(subcode);
  if (failure.endpoint === 'token' && refusedCode) {
    return reauthError(platformName, failure, platformCode ?? 'OAuthException');
  }
  // Instagram extends a long-lived token only once it is 24 hours old: too early, not dead.
  if (code === 100 && /24 hours|active long enough/i.test(shape.message)) {
    return new PlatformError('platform_error', {
      ...base,
      kind: 'retry',
      message: `${platformName} extends a token only once it is 24 hours old; Switchboard will try again later.`,
    });
  }
  // Meta answers a wrong app secret with code 1, its "transient" code: retrying cannot help.
  if (code === 1 && /client secret/i.test(shape.message)) {
    return new PlatformError('platform_bad_credentials', {
      ...base,
      kind: 'bad_configuration',
      message: `${platformName} refused this app’s secret; check it in Settings → Platforms.`,
    });
  }
  if (code === 190) {
    const why = subcode !== null ? TOKEN_SUBCODES[subcode] : undefined;
    return new PlatformError('token_rejected', {
      ...base,
      kind: 'needs_reauth',
      message: `${platformName} no longer accepts this account’s token${why ? ` (${why})` : ''}; reconnect the account.`,
    });
  }
  if (code !== null && THROTTLED.has(code)) {
    return new PlatformError('platform_rate_limited', { ...base, kind: 'rate_limited', resetAt });
  }
  if (code === 10 || (code !== null && code >= 200 && code <= 299)) {
    return new PlatformError('permission_denied', { ...base, kind: 'permission' });
  }
  if (code === 1 || code === 2) {
    return new PlatformError('platform_error', { ...base, kind: 'retry' });
  }
  if (code === 368) {
    return new PlatformError('account_suspended', {
      ...base,
      kind: 'account_problem',
      message: `${platformName} has temporarily blocked this account for a policy reason; check the account on ${platformName}.`,
    });
  }
  if (code === 101 || code === 191) {
    return new PlatformError('platform_bad_credentials', {
      ...base,
      kind: 'bad_configuration',
      message: `${platformName} refused this app’s id or redirect URI; check them in Settings → Platforms and in the Meta app dashboard.`,
    });
  }
  return classifyByStatus(failure, resetAt, base.platformCode);
}

/** A Meta token answer (no refresh token exists: the long-lived token extends itself). */
export function metaTokenSet(
  body: Record<string, unknown>,
  sentAt: number,
  scopes: readonly string[],
  platformName: string,
): TokenSet {
  return {
    accessToken: requireString(body, 'access_token', platformName),
    refreshToken: null,
    scopes: [...scopes],
    issuedAt: sentAt,
    accessExpiresAt: expiresAt(sentAt, body.expires_in, META_LONG_LIVED_SECONDS),
    refreshExpiresAt: null,
  };
}

/** Both Meta paths authorize alike: comma-separated scopes and an S256 challenge. */
export function metaAuthorizeParams(
  attempt: ConnectAttempt,
  clientId: string,
  scopes: readonly string[],
  codeChallenge: string,
): AuthorizeParams {
  return {
    clientId,
    redirectUri: attempt.redirectUri,
    scopes,
    scopeSeparator: ',',
    state: attempt.state,
    codeChallenge,
  };
}
