import { z } from 'zod';
import { PLATFORM_IDS, PLATFORMS, type PlatformId } from './platforms';
import { TIER_NAMES, TIERS, type Tier } from './tiers';

/** One platform's room on the current plan, and the accounts beyond it (oldest stay within). */
export const PlatformUsageSchema = z.strictObject({
  platform: z.enum(PLATFORM_IDS),
  used: z.number().int().min(0),
  limit: z.number().int().min(0),
  /** Accounts connected beyond the limit (after a licence ended): kept, never disconnected. */
  over: z.array(z.strictObject({ accountId: z.string(), name: z.string() })),
});
export type PlatformUsage = z.infer<typeof PlatformUsageSchema>;

/** The stored licence as last verified: never the key itself. */
export const LicenceInfoSchema = z.strictObject({
  /** `active` raises the plan; `expired` and `invalid` leave the Free plan in force. */
  state: z.enum(['active', 'expired', 'invalid']),
  /** The plan the key names (may be one this version does not know, when invalid). */
  plan: z.string().nullable(),
  holder: z.string().nullable(),
  issuedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  /** Why it does not apply, in a sentence; null when active. */
  problem: z.string().nullable(),
});
export type LicenceInfo = z.infer<typeof LicenceInfoSchema>;

/** Settings → Plan: what the plan allows, what is used, and the licence behind it. */
export const PlanStatusSchema = z.strictObject({
  plan: z.enum(TIERS),
  planName: z.string(),
  usage: z.array(PlatformUsageSchema),
  /** Null when no licence key is stored. */
  licence: LicenceInfoSchema.nullable(),
  /** Where plans are sold (named by the publisher's build); null in development. */
  storeUrl: z.string().nullable(),
});
export type PlanStatus = z.infer<typeof PlanStatusSchema>;

/** A licence key as pasted: generous length, whitespace allowed (mail clients wrap lines). */
export const LicenceKeyInputSchema = z.strictObject({
  key: z.string().min(1, 'Paste your licence key.').max(4_096, 'That is too long for a key.'),
});

const accounts = (n: number, platform: PlatformId) =>
  `${n} ${PLATFORMS[platform].displayName} account${n === 1 ? '' : 's'}`;

/** The refusal a connect beyond the limit gets, before consent and inside the transaction. */
export function limitReachedSentence(tier: Tier, limit: number, platform: PlatformId): string {
  return `Your ${TIER_NAMES[tier]} plan connects ${accounts(limit, platform)}; enter a licence key in Settings → Plan, or disconnect one first.`;
}

/** The room a Connect button shows, e.g. "YouTube · 1 of 3". */
export function roomCaption(usage: PlatformUsage): string {
  return `${PLATFORMS[usage.platform].displayName} · ${usage.used} of ${usage.limit}`;
}
