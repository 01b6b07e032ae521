import { z } from 'zod';
import { PLATFORM_IDS } from './platforms';

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
  label: z.string().nullable(),
  displayName: z.string(),
  handle: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  followers: z.number().int().nonnegative().nullable(),
  status: z.enum(ACCOUNT_STATUSES),
  statusReason: z.string().nullable(),
  accessExpiresAt: z.string().nullable(),
  lastRefreshAt: z.string().nullable(),
  lastCheckAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AccountSummary = z.infer<typeof AccountSummarySchema>;
