import type { PlatformId } from './platforms';

/** Plans a workspace can be on; the one place both sides read tier limits from. */
export const TIERS = ['free', 'creator', 'pro', 'agency'] as const;
export type Tier = (typeof TIERS)[number];

/** Connected accounts allowed per platform, per workspace. */
export const ACCOUNTS_PER_PLATFORM: Record<Tier, number> = {
  free: 1,
  creator: 3,
  pro: 10,
  agency: 50,
};

/** What a creator calls each plan. */
export const TIER_NAMES: Record<Tier, string> = {
  free: 'Free',
  creator: 'Creator',
  pro: 'Pro',
  agency: 'Agency',
};

export function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}

export function accountLimit(tier: Tier, _platform: PlatformId): number {
  return ACCOUNTS_PER_PLATFORM[tier];
}
