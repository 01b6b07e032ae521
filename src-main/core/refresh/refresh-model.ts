import type { ProviderId } from '../../../src-shared/platforms';
import { DESCRIPTORS } from '../platforms/descriptors';
import { sha256Hex } from '../sha256';

/** Default lead before expiry (a setting): enough for a slow platform, short enough not to waste tokens. */
export const DEFAULT_MARGIN_MS = 5 * 60_000;
/** Jitter spreads accounts connected together; it only ever moves a refresh earlier, and by little. */
export const MAX_JITTER_MS = 30_000;
/** Backoff after network errors, timeouts and 5xx: from 30 s, doubling, capped at 30 min. */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 30 * 60_000;
/** A 429 without a reset time waits this long. */
export const RATE_LIMIT_DEFAULT_MS = 60_000;

/** Single-use refresh tokens (the descriptor says): a replay after an unknown outcome can kill the family. */
export function isRotating(provider: ProviderId): boolean {
  return DESCRIPTORS[provider].refresh.kind === 'rotating';
}

/** The facts of a stored token the plan depends on (epoch ms). */
export interface TokenTimes {
  provider: ProviderId;
  /** When the request that produced this token was sent. */
  issuedAt: number;
  accessExpiresAt: number | null;
  /** When the account was last refreshed (for Google's weekly exercise); null = never. */
  lastRefreshAt: number | null;
}

/**
 * When this account's token should be refreshed next (epoch ms), or null when it never needs
 * to be. `random` in [0, 1) picks the jitter; tests pass a constant.
 */
export function plannedRefreshAt(
  times: TokenTimes,
  marginMs: number,
  random: number,
): number | null {
  const expiry = times.accessExpiresAt;
  let due: number | null = null;
  if (expiry !== null) {
    const lifetime = Math.max(0, expiry - times.issuedAt);
    // A token shorter-lived than two margins would be refreshed almost at once: use half its life.
    const lead = lifetime < 2 * marginMs ? lifetime / 2 : marginMs;
    const jitter = Math.min(MAX_JITTER_MS, lead * 0.1) * random;
    due = Math.round(expiry - lead - jitter);
  }
  const style = DESCRIPTORS[times.provider].refresh;
  if (style.kind === 'extend') {
    // Extend on the descriptor's rhythm (never before the token is old enough), not near its end.
    const extendAt = times.issuedAt + Math.max(style.minAgeMs, style.everyMs);
    due = due === null ? extendAt : Math.min(due, extendAt);
  }
  if (style.kind === 'non-rotating' && style.exerciseEveryMs !== undefined) {
    // An unused grant dies (Google): refresh at least this often even when nothing needs it.
    const exerciseAt = (times.lastRefreshAt ?? times.issuedAt) + style.exerciseEveryMs;
    due = due === null ? exerciseAt : Math.min(due, exerciseAt);
  }
  return due;
}

/** How long to wait after the `failures`-th failure in a row (1-based): exponential, capped, jittered. */
export function backoffDelayMs(failures: number, random: number): number {
  const exponent = Math.min(Math.max(failures, 1) - 1, 20);
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent);
  // Between half and all of the ceiling: spreads retries without ever retrying at once.
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/** A short SHA-256 prefix of a token, for the audit log and the in-flight marker; never the token. */
export function fingerprint(token: string | null): string {
  return token ? sha256Hex(token).slice(0, 10) : 'none';
}
