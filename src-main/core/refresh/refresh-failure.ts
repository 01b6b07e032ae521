import type { AccountStatus } from '../../../src-shared/account';
import { isAppError, type ErrorCode } from '../../../src-shared/errors';
import type { RefreshOutcome } from '../health/metrics';
import { isPlatformError } from '../net/platform-error';
import { backoffDelayMs, RATE_LIMIT_DEFAULT_MS } from './refresh-model';

/** The reason a creator reads when a rotation was interrupted after the platform spent the token. */
// Only what is known: the token was refused on the attempt after an interrupted renewal. Whether
// that renewal went through (and its new token was lost) or the sign-in was revoked or forgotten
// meanwhile cannot be told apart from here.
export const ROTATION_LOST_REASON =
  'The platform stopped accepting this sign-in after a renewal was interrupted — either that renewal went through and its new token was lost, or the sign-in was revoked. Reconnect to continue.';

/** What one failed refresh means, decided before any state changes. */
export interface FailureDecision {
  outcome: RefreshOutcome;
  status: AccountStatus;
  reason: string;
  code: ErrorCode;
  /** When to try again (epoch ms), or null when only the creator can fix it. */
  retryAt: number | null;
  /** The platform gave a definite answer, so the refresh token was not spent (marker can go). */
  definite: boolean;
  /** Only an invalid-grant-like answer from the token endpoint; confirmed by a re-read later. */
  tokenDead: boolean;
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/**
 * Classifies a refresh failure. Only `needs_reauth` from the token endpoint can mark a token
 * dead; network errors, timeouts and 5xx back off (and, on a rotating platform, leave the outcome
 * unknown); 429 waits for the platform's reset; account problems are their own status.
 */
export function decideFailure(
  error: unknown,
  context: {
    now: number;
    failures: number;
    random: number;
    accessExpiresAt: number | null;
    /** The platform's name, so the reason is a sentence about this account ("YouTube …"). */
    platform: string;
  },
): FailureDecision {
  const { now, platform } = context;
  const backoff = (outcome: RefreshOutcome, code: ErrorCode, definite: boolean, why: string) => {
    const retryAt = now + backoffDelayMs(context.failures, context.random);
    const lasts =
      context.accessExpiresAt !== null && context.accessExpiresAt > now
        ? ` The current token stays in use until ${clock(context.accessExpiresAt)} UTC.`
        : '';
    return {
      outcome,
      status: 'expiring' as const,
      reason: `${why} Switchboard tries again at ${clock(retryAt)} UTC.${lasts}`,
      code,
      retryAt,
      definite,
      tokenDead: false,
    };
  };
  if (!isPlatformError(error)) {
    const code = isAppError(error) ? error.code : 'internal';
    return backoff(
      'network_error',
      code,
      false,
      `Renewing the ${platform} sign-in failed unexpectedly.`,
    );
  }
  switch (error.kind) {
    case 'needs_reauth':
      return {
        outcome: 'invalid_grant',
        status: 'needs_reauth',
        reason: `${platform} stopped accepting this sign-in — reconnect to continue.`,
        code: 'account_needs_reauth',
        retryAt: null,
        definite: true,
        tokenDead: true,
      };
    case 'rate_limited': {
      const retryAt = Math.max(error.resetAt ?? now + RATE_LIMIT_DEFAULT_MS, now + 1_000);
      return {
        outcome: 'rate_limited',
        status: 'rate_limited',
        reason: `${platform} asked Switchboard to wait; it tries again at ${clock(retryAt)} UTC.`,
        code: error.code,
        retryAt,
        definite: true,
        tokenDead: false,
      };
    }
    case 'account_problem':
      return {
        outcome: 'account_problem',
        status: 'account_problem',
        reason: error.message,
        code: error.code,
        retryAt: null,
        definite: true,
        tokenDead: false,
      };
    case 'permission':
    case 'bad_configuration':
      return backoff('bad_configuration', error.code, true, error.message);
    case 'retry':
      return backoff(
        error.status !== null && error.status >= 500 ? 'server_error' : 'network_error',
        error.code,
        false,
        error.message,
      );
  }
}
