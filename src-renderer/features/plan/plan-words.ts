import {
  limitReachedSentence,
  roomCaption,
  type PlanStatus,
  type PlatformUsage,
} from '../../../src-shared/plans';
import { PLATFORMS, type PlatformId } from '../../../src-shared/platforms';
import { TIER_NAMES, isTier } from '../../../src-shared/tiers';

export interface Room {
  usage: PlatformUsage;
  /** "YouTube · 1 of 3" */
  caption: string;
  /** No room for a new account: the button explains instead of opening a consent page. */
  full: boolean;
  /** Why, in the sentence main would answer with. */
  refusal: string | null;
}

/** A platform's room on the plan in force, or null before the plan is known. */
export function roomFor(status: PlanStatus | null, platform: PlatformId): Room | null {
  const usage = status?.usage.find((row) => row.platform === platform);
  if (!status || !usage) return null;
  const full = usage.used >= usage.limit;
  return {
    usage,
    caption: roomCaption(usage),
    full,
    refusal: full ? limitReachedSentence(status.plan, usage.limit, platform) : null,
  };
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'an unknown day');
const planName = (plan: string | null) => (plan && isTier(plan) ? TIER_NAMES[plan] : plan);

/** One sentence on the licence behind the plan, for Settings → Plan. */
export function licenceLine(status: PlanStatus): string {
  const licence = status.licence;
  if (!licence) return 'No licence key entered: the Free plan applies.';
  if (licence.state === 'active')
    return `${planName(licence.plan)} licence for ${licence.holder}, valid until ${day(licence.expiresAt)}.`;
  // Expired or invalid: say so, and what it means for the accounts already connected.
  return `${licence.problem ?? 'This licence key does not apply.'} The Free plan applies to new connects; connected accounts stay connected.`;
}

/** Accounts beyond the plan's limit, named per platform; they keep working. */
export function overLimitLines(status: PlanStatus): string[] {
  return status.usage
    .filter((row) => row.over.length > 0)
    .map(
      (row) =>
        `${PLATFORMS[row.platform].displayName}: ${row.over.map((a) => a.name).join(', ')} ${
          row.over.length === 1 ? 'is' : 'are'
        } beyond the ${status.planName} plan's ${row.limit}. ${
          row.over.length === 1 ? 'It stays' : 'They stay'
        } connected and refreshing; only new connects are refused.`,
    );
}
