import { z } from 'zod';
import { ERROR_CODES } from './errors';
import { UNSAFE_DISPLAY_CHAR } from './display-text';
import { PLATFORM_IDS, PLATFORMS, PROVIDER_IDS, type PlatformId } from './platforms';

/**
 * Account health as a creator sees it. Token problems (needs_reauth), account problems
 * (account_problem) and local problems (vault_error) are separate states on purpose.
 * `verify`: restored from a backup, whose rotating refresh token may already be spent.
 */
export const ACCOUNT_STATUSES = [
  'healthy',
  'refreshing',
  'expiring',
  'rate_limited',
  'needs_reauth',
  'account_problem',
  'verify',
  'vault_error',
] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** What each status means for the creator, when nothing more specific is known, naming the platform. */
const STATUS_REASON_TEXT: Record<AccountStatus, ((platform: string) => string) | null> = {
  healthy: null,
  refreshing: () => 'Renewing the access token.',
  expiring: () =>
    'Renewing the token failed; Switchboard keeps retrying while the current one lasts.',
  rate_limited: (platform) =>
    `${platform} asked Switchboard to wait; it retries when the limit resets.`,
  needs_reauth: (platform) => `${platform} no longer accepts this sign-in; reconnect the account.`,
  account_problem: (platform) =>
    `${platform} reports a problem with the account itself; check it there.`,
  verify: () => 'Restored from a backup; Switchboard checks once that its tokens still work.',
  vault_error: () => 'A stored token could not be read or saved; reconnect this account.',
};

/** The fallback reason for a status ("X no longer accepts this sign-in…"); null for healthy. */
export function statusReason(status: AccountStatus, platform: PlatformId): string | null {
  return STATUS_REASON_TEXT[status]?.(PLATFORMS[platform].displayName) ?? null;
}

/** Posts and rate limits of one account, as the local proxy and the platforms report them. */
export const AccountUsageSchema = z.strictObject({
  /** Posts counted today (UTC day). */
  postsToday: z.number().int().nonnegative(),
  /** Posts a day Switchboard allows (TikTok, a setting); null where no cap is tracked. */
  postCap: z.number().int().positive().nullable(),
  /** The platform said "too many posts" (TikTok `spam_risk_too_many_posts`): none until then. */
  postingCappedUntil: z.string().nullable(),
  /** The last rate-limit headers seen (X's `x-rate-limit-*`), or null. */
  rateLimit: z
    .strictObject({
      endpoint: z.string(),
      limit: z.number().int().nullable(),
      remaining: z.number().int().nullable(),
      resetAt: z.string().nullable(),
    })
    .nullable(),
});
export type AccountUsage = z.infer<typeof AccountUsageSchema>;

/** The token-free view of an account: everything the renderer may ever see. */
export const AccountSummarySchema = z.strictObject({
  id: z.string(),
  platform: z.enum(PLATFORM_IDS),
  /** How it was connected (Instagram has two ways); reconnect uses the same one. */
  provider: z.enum(PROVIDER_IDS),
  label: z.string().nullable(),
  displayName: z.string(),
  handle: z.string().nullable(),
  /**
   * Names the account's avatar (changes when the platform's picture does); null = none given. The
   * picture itself comes from `accounts.avatar`: the CDN URL never reaches the page.
   */
  avatarKey: z.string().nullable(),
  followers: z.number().int().nonnegative().nullable(),
  status: z.enum(ACCOUNT_STATUSES),
  statusReason: z.string().nullable(),
  /** Scopes the platform granted, as stored with the tokens. */
  scopes: z.array(z.string()),
  accessExpiresAt: z.string().nullable(),
  lastRefreshAt: z.string().nullable(),
  lastCheckAt: z.string().nullable(),
  /** When the next automatic refresh is planned, or null when none is (needs the creator). */
  nextRefreshAt: z.string().nullable(),
  /** The error code of the last failed refresh or check; null after a success. */
  lastError: z.enum(ERROR_CODES).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** After this moment only the creator can keep the account alive (re-auth forecast); null = no known end. */
  reauthBy: z.string().nullable(),
  /** Why reauthBy is when it is, in a sentence; null with it. */
  reauthReason: z.string().nullable(),
  usage: AccountUsageSchema,
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

/**
 * A creator's label for an account: trimmed, 1–64 characters, none of the characters profile
 * names lose (controls, line separators, bidi overrides and isolates).
 */
export const AccountLabelSchema = z
  .string()
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, 'Use at least one character.')
      .max(64, 'Use at most 64 characters.')
      .refine(
        (value) => !UNSAFE_DISPLAY_CHAR.test(value),
        'Use no control or text-direction characters.',
      ),
  );
