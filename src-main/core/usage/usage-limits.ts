import { AppError } from '../../../src-shared/errors';
import { PLATFORM_DESCRIPTORS } from '../platforms/descriptors';
import type { RateLimitSnapshot } from '../platforms/platform-adapter';
import type { SettingsService } from '../settings';
import type { VaultGate } from '../vault/vault-gate';
import { POST_KIND, POSTING_CAP_ENDPOINT } from '../vault/account-extras';

/** Until the next UTC midnight: when a platform's "too many posts" without a stated end lifts. */
export function nextUtcMidnight(now: number): number {
  const day = new Date(now);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1);
}

/**
 * Posting and rate-limit bookkeeping for the local proxy and the platform adapters. The counter is
 * Switchboard's own guess at a cap; a platform's `spam_risk_too_many_posts` is the real signal and
 * wins over it (markPostingCapped), whatever the counter says.
 */
/** Posts and rate limits per account, for the local proxy (and the summaries it changes). */
export interface UsageLimits {
  /** Counts one published post; returns today's count. */
  recordPost(accountId: string): number;
  /** Posts left today: 0 while the platform's cap holds; null where no cap is tracked. */
  postsLeftToday(accountId: string): number | null;
  /** The platform refused a post as too many until `until` (default: next UTC midnight). */
  markPostingCapped(accountId: string, until?: number): void;
  /** Keeps the rate-limit headers of one answer for this account. */
  recordRateLimit(accountId: string, snapshot: Omit<RateLimitSnapshot, 'provider'>): void;
}

export function createUsageLimits(options: {
  vault: VaultGate;
  settings: SettingsService;
  now: () => number;
  /** Called after anything a summary shows changed (the core emits `accounts.changed`). */
  onChange?: (accountId: string) => void;
}): UsageLimits {
  const { vault, settings, now } = options;
  const platformOf = (accountId: string) => {
    const account = vault.require().accounts.get(accountId);
    if (!account) throw new AppError('account_not_found');
    return account.platform;
  };
  const cappedUntil = (accountId: string): number | null => {
    const row = vault
      .require()
      .usage.rateLimits(accountId)
      .find((limit) => limit.endpoint === POSTING_CAP_ENDPOINT);
    return row?.resetAt != null && row.resetAt > now() ? row.resetAt : null;
  };

  return {
    /** Counts one published post; returns today's count. */
    recordPost(accountId: string): number {
      platformOf(accountId);
      const count = vault.require().usage.increment(accountId, POST_KIND);
      options.onChange?.(accountId);
      return count;
    },
    /**
     * Posts left today: 0 while the platform's own cap holds, else the cap its descriptor takes
     * from Settings (TikTok's) minus today's count; null where Switchboard tracks no cap.
     */
    postsLeftToday(accountId: string): number | null {
      const platform = platformOf(accountId);
      if (cappedUntil(accountId) !== null) return 0;
      const cap = PLATFORM_DESCRIPTORS[platform].posting?.dailyCap?.(settings.get());
      if (cap === undefined) return null;
      const used = vault.require().usage.count(accountId, POST_KIND);
      return Math.max(0, cap - used);
    },
    /** The platform refused a post as too many (TikTok `spam_risk_too_many_posts`) until `until`. */
    markPostingCapped(accountId: string, until: number = nextUtcMidnight(now())): void {
      platformOf(accountId);
      vault.require().usage.recordRateLimit(accountId, POSTING_CAP_ENDPOINT, {
        limit: null,
        remaining: 0,
        resetAt: until,
      });
      options.onChange?.(accountId);
    },
    /** Keeps the rate-limit headers of one answer (X's `x-rate-limit-*`) for this account. */
    recordRateLimit(accountId: string, snapshot: Omit<RateLimitSnapshot, 'provider'>): void {
      vault.require().usage.recordRateLimit(accountId, snapshot.path, {
        limit: snapshot.limit,
        remaining: snapshot.remaining,
        resetAt: snapshot.resetAt,
      });
      options.onChange?.(accountId);
    },
  };
}
