import { z } from 'zod';
import { PLATFORM_IDS, PROVIDER_IDS } from './platforms';

/**
 * Account health as a creator sees it. Token problems (needs_reauth), account problems
 * (suspended, not_eligible) and local problems (vault_error) are separate states on purpose.
 */
export const ACCOUNT_STATUSES = [
  'active',
  'refreshing',
  'expiring',
  'needs_reauth',
  'suspended',
  'not_eligible',
  'rate_limited',
  'vault_error',
] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** The token-free view of an account: everything the renderer may ever see. */
export const AccountSummarySchema = z.strictObject({
  id: z.string(),
  platform: z.enum(PLATFORM_IDS),
  /** How it was connected (Instagram has two ways); reconnect uses the same one. */
  provider: z.enum(PROVIDER_IDS),
  label: z.string().nullable(),
  displayName: z.string(),
  handle: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  followers: z.number().int().nonnegative().nullable(),
  status: z.enum(ACCOUNT_STATUSES),
  statusReason: z.string().nullable(),
  /** Scopes the platform granted, as stored with the tokens. */
  scopes: z.array(z.string()),
  accessExpiresAt: z.string().nullable(),
  lastRefreshAt: z.string().nullable(),
  lastCheckAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;

/** A creator's label for an account: trimmed, 1–64 characters, no control characters. */
export const AccountLabelSchema = z
  .string()
  .transform((value) => value.trim())
  .pipe(
    z
      .string()
      .min(1, 'Use at least one character.')
      .max(64, 'Use at most 64 characters.')
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, 'Use no control characters.'),
  );
