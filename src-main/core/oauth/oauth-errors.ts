import { PlatformError, type HttpFailure } from '../net/platform-error';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An OAuth-style `error` string of a body, when there is one. */
export function oauthErrorCode(body: unknown): string | null {
  return isRecord(body) && typeof body.error === 'string' && body.error !== '' ? body.error : null;
}

/** The platform's own explanation, shortened; PlatformError scrubs anything token-shaped. */
function described(body: Record<string, unknown>): string {
  const text = body.error_description;
  return typeof text === 'string' && text.length > 0 ? ` (${text.slice(0, 200)})` : '';
}

/** The sentence for an invalid-grant-like answer from a token endpoint. */
export function reauthError(
  platformName: string,
  failure: Pick<HttpFailure, 'status'>,
  platformCode: string,
): PlatformError {
  return new PlatformError('token_rejected', {
    kind: 'needs_reauth',
    status: failure.status,
    platformCode,
    message: `${platformName} no longer accepts this account’s sign-in (it was revoked, expired or already used); reconnect the account.`,
  });
}

/**
 * RFC 6749 §5.2 token-endpoint errors as Switchboard kinds. Null when the body carries no OAuth
 * `error`, so the adapter falls back to its own shapes and then to the status.
 */
export function classifyOAuthError(
  failure: HttpFailure,
  platformName: string,
  resetAt: number | null,
): PlatformError | null {
  const body = failure.body;
  if (!isRecord(body) || typeof body.error !== 'string' || body.error.length === 0) return null;
  const platformCode = body.error;
  const status = failure.status;
  switch (platformCode) {
    case 'invalid_grant':
      return reauthError(platformName, failure, platformCode);
    case 'invalid_client':
    case 'unauthorized_client':
      return new PlatformError('platform_bad_credentials', {
        kind: 'bad_configuration',
        status,
        platformCode,
        message: `${platformName} refused this app’s client id or secret${described(body)}; check them in Settings → Platforms.`,
      });
    case 'invalid_request':
    case 'redirect_uri_mismatch':
    case 'unsupported_grant_type':
    case 'unsupported_response_type':
      return new PlatformError('platform_error', {
        kind: 'bad_configuration',
        status,
        platformCode,
        message: `${platformName} refused the request as malformed${described(body)}; check the app’s settings for this platform.`,
      });
    case 'invalid_scope':
    case 'access_denied':
      return new PlatformError('permission_denied', { kind: 'permission', status, platformCode });
    case 'slow_down':
    case 'rate_limit_exceeded':
      return new PlatformError('platform_rate_limited', {
        kind: 'rate_limited',
        status,
        platformCode,
        resetAt,
      });
    case 'server_error':
    case 'temporarily_unavailable':
      return new PlatformError('platform_error', { kind: 'retry', status, platformCode });
    default:
      return null;
  }
}

/**
 * During a code exchange an invalid-grant-like answer means the code (not a stored grant) was
 * refused: expired (X's live 30 s), replayed, or bound to another verifier or redirect.
 */
export function asCodeRejection(error: PlatformError, platformName: string): PlatformError {
  if (error.kind !== 'needs_reauth') return error;
  return new PlatformError('oauth_code_rejected', {
    kind: 'needs_reauth',
    status: error.status,
    platformCode: error.platformCode,
    message: `${platformName} refused the sign-in code (it may have expired or been used already); start the sign-in again.`,
    cause: error,
  });
}

/** A token or profile answer Switchboard cannot use (not JSON, a required field missing…). */
export function badResponse(platformName: string, detail: string, cause?: unknown): PlatformError {
  return new PlatformError('platform_bad_response', {
    kind: 'retry',
    message: `${platformName} sent an answer Switchboard could not read (${detail}); try again.`,
    cause,
  });
}
