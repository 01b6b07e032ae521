import type { AccountSummary } from '../../../src-shared/account';
import { AppError } from '../../../src-shared/errors';
import {
  limitReachedSentence,
  type LicenceInfo,
  type PlanStatus,
  type PlatformUsage,
} from '../../../src-shared/plans';
import { PLATFORM_IDS, type PlatformId } from '../../../src-shared/platforms';
import { accountLimit, TIER_NAMES, type Tier } from '../../../src-shared/tiers';
import type { PlanLimit } from '../vault/accounts-repo';
import { verifyLicence, type LicenceKeyRing, type LicenceVerdict } from './licence-key';
import type { LicenceStore } from './licence-store';

/** What the plan rules read of the vault: null while it is locked. */
export interface PlanAccounts {
  /** The default workspace's accounts, oldest first within each platform. */
  list(): AccountSummary[];
  countByPlatform(): Record<PlatformId, number>;
}

export interface LicenceOptions {
  store: LicenceStore;
  keys: LicenceKeyRing;
  now: () => number;
}

export interface PlanServiceOptions extends LicenceOptions {
  accounts: () => PlanAccounts | null;
  /** Where plans are sold; null when the build names none. */
  storeUrl: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const dateOrNull = (text: string | undefined) => (text ? iso(Date.parse(text)) : null);

function licenceInfo(verdict: LicenceVerdict): LicenceInfo {
  if (verdict.ok) {
    const { plan, holder, issuedAt, expiresAt } = verdict.licence;
    return {
      state: 'active',
      plan,
      holder,
      issuedAt: iso(issuedAt),
      expiresAt: iso(expiresAt),
      problem: null,
    };
  }
  // Facts come only from a payload whose signature held; a forged one shows nothing of itself.
  const payload = verdict.payload;
  return {
    state: verdict.problem === 'expired' ? 'expired' : 'invalid',
    plan: payload?.plan ?? null,
    holder: payload?.holder ?? null,
    issuedAt: dateOrNull(payload?.issuedAt),
    expiresAt: dateOrNull(payload?.expiresAt),
    problem: verdict.message,
  };
}

/**
 * The plan in force. It is derived from the stored licence key, verified again on every call
 * against the built-in public keys and the clock, and never read from anything stored as a
 * plan name: editing the vault, the key file or a backup can only lose a plan, never raise one.
 * The vault takes `limit` from here; the plan service (below) adds what needs the accounts.
 */
export function createLicencePlan({ store, keys, now }: LicenceOptions) {
  const verdict = (): LicenceVerdict | null => {
    const stored = store.read();
    return stored === null ? null : verifyLicence(stored, keys, now());
  };
  const tier = (): Tier => {
    const current = verdict();
    return current?.ok ? current.licence.plan : 'free';
  };
  const limit: PlanLimit = (platform) => {
    const current = tier();
    return { tier: current, limit: accountLimit(current, platform) };
  };
  return { verdict, tier, limit };
}

/** Settings → Plan and the pre-consent check: the licence's plan measured against the accounts. */
export function createPlanService(
  options: PlanServiceOptions,
  licence = createLicencePlan(options),
) {
  const { store, keys, now } = options;
  const { verdict, tier, limit } = licence;

  const usage = (plan: Tier): PlatformUsage[] => {
    const vault = options.accounts();
    const counts = vault?.countByPlatform();
    const over = (platform: PlatformId, allowed: number) =>
      // Listed only when some are over (rare): the newest beyond the limit are the ones named.
      (vault?.list() ?? [])
        .filter((account) => account.platform === platform)
        .slice(allowed)
        .map((account) => ({ accountId: account.id, name: account.label ?? account.displayName }));
    return PLATFORM_IDS.map((platform) => {
      const used = counts?.[platform] ?? 0;
      const allowed = accountLimit(plan, platform);
      return {
        platform,
        used,
        limit: allowed,
        over: used > allowed ? over(platform, allowed) : [],
      };
    });
  };

  const status = (): PlanStatus => {
    const current = verdict();
    const plan = current?.ok ? current.licence.plan : 'free';
    return {
      plan,
      planName: TIER_NAMES[plan],
      usage: usage(plan),
      licence: current ? licenceInfo(current) : null,
      storeUrl: options.storeUrl,
    };
  };

  return {
    /** The plan in force now, from the verified licence (Free without one). */
    tier,
    /** The limit the vault applies inside the connect's transaction. */
    limit,
    status,
    /** Verifies a key and keeps it; a refused key leaves the stored one as it was. */
    enter(key: string): PlanStatus {
      const normalised = key.replace(/\s+/g, '');
      const checked = verifyLicence(normalised, keys, now());
      if (!checked.ok) throw new AppError(checked.code, checked.message);
      store.write(normalised);
      return status();
    },
    /** Forgets the key: the Free plan applies to new connects; connected accounts stay. */
    remove(): PlanStatus {
      store.remove();
      return status();
    },
    /**
     * Refuses a new connect before any consent page opens when the platform is full. A reconnect
     * (an existing account) never counts, so it is not checked here.
     */
    assertRoom(platform: PlatformId): void {
      const accounts = options.accounts();
      if (!accounts) return; // locked: the connect itself says so
      const { tier: plan, limit: allowed } = limit(platform);
      if (accounts.countByPlatform()[platform] >= allowed)
        throw new AppError('tier_limit_reached', limitReachedSentence(plan, allowed, platform));
    },
  };
}

export type PlanService = ReturnType<typeof createPlanService>;
