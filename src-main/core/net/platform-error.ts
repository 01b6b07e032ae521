import { AppError, type ErrorCode } from '../../../src-shared/errors';
import { scrubSecrets } from '../logger';

/**
 * What a failure means for the account, decided before any state changes (PLATFORMS.md lessons):
 * only `needs_reauth` ever marks a token dead; `retry` and `rate_limited` back off.
 */
export const FAILURE_KINDS = [
  'needs_reauth',
  'retry',
  'rate_limited',
  'account_problem',
  'permission',
  'bad_configuration',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** A classified platform failure; its message is safe for the renderer and the log. */
export class PlatformError extends AppError {
  readonly kind: FailureKind;
  /** HTTP status, when the platform answered. */
  readonly status: number | null;
  /** The platform's own error code (`invalid_grant`, `190`, `quotaExceeded`…), when it gave one. */
  readonly platformCode: string | null;
  /** When a rate limit lifts (epoch ms), when the platform said. */
  readonly resetAt: number | null;

  constructor(
    code: ErrorCode,
    details: {
      kind: FailureKind;
      message?: string;
      status?: number | null;
      platformCode?: string | null;
      resetAt?: number | null;
      cause?: unknown;
    },
  ) {
    // Platform texts can echo what was sent; scrub before the sentence travels anywhere.
    super(
      code,
      details.message === undefined ? undefined : scrubSecrets(details.message),
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'PlatformError';
    this.kind = details.kind;
    this.status = details.status ?? null;
    this.platformCode = details.platformCode ?? null;
    this.resetAt = details.resetAt ?? null;
  }
}

export function isPlatformError(error: unknown): error is PlatformError {
  return error instanceof PlatformError;
}

/** A platform's HTTP answer that was not a success, as adapters classify it. */
export interface HttpFailure {
  /** `token` for the OAuth token/refresh endpoints, `api` for everything else. */
  endpoint: 'token' | 'api';
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  /** The real path asked for, when the answer's meaning depends on it (X's `/2/users/me`). */
  path?: string;
}

/**
 * The generic fallbacks every adapter shares for statuses its platform gives no detail on;
 * `platformCode` keeps whatever code the platform did send, for the log and the audit trail.
 */
export function classifyByStatus(
  failure: HttpFailure,
  resetAt: number | null,
  platformCode: string | null = null,
): PlatformError {
  const base = { status: failure.status, platformCode };
  const { status } = failure;
  if (status === 429)
    return new PlatformError('platform_rate_limited', { ...base, kind: 'rate_limited', resetAt });
  if (status >= 500) return new PlatformError('platform_error', { ...base, kind: 'retry' });
  if (status === 401 && failure.endpoint === 'api')
    return new PlatformError('token_rejected', { ...base, kind: 'needs_reauth' });
  if (status === 403)
    return new PlatformError('permission_denied', { ...base, kind: 'permission' });
  return new PlatformError('platform_error', { ...base, kind: 'retry' });
}
