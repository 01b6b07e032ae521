import { randomBytes } from 'node:crypto';
import type { PlatformId } from '../../src-shared/platforms';
import { passphraseKeyProtector, rawKeyProtector } from '../../src-main/core/vault/key-protectors';
import { seal } from '../../src-main/core/vault/sealed-box';
import { deriveKey, type ScryptCost } from '../../src-main/core/vault/scrypt-kdf';
import type { ConnectedProfile, TokenSet } from '../../src-main/core/vault/types';
import { openVault, type Vault } from '../../src-main/core/vault/vault';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import { createSummaryPolicy } from '../../src-main/core/usage/summary-policy';
import type { PlanLimit } from '../../src-main/core/vault/accounts-repo';
import { accountLimit, type Tier } from '../../src-shared/tiers';

export const newKey = () => randomBytes(32).toString('hex');

export function profile(
  platform: PlatformId,
  platformUserId: string,
  overrides: Partial<ConnectedProfile> = {},
): ConnectedProfile {
  return {
    platform,
    platformUserId,
    displayName: `Creator ${platformUserId}`,
    handle: `@creator_${platformUserId}`,
    avatarUrl: `https://cdn.example/${platformUserId}.jpg`,
    followers: 1200,
    accountType: null,
    channelId: null,
    pageId: null,
    ...overrides,
  };
}

/** Distinctive token values, so a byte scan can look for each one. */
export function tokenSet(
  tag: string,
  now = Date.now(),
): TokenSet & { refreshToken: string; accessExpiresAt: number } {
  return {
    accessToken: `AT-${tag}-${randomBytes(12).toString('hex')}`,
    refreshToken: `RT-${tag}-${randomBytes(12).toString('hex')}`,
    scopes: ['tweet.read', 'users.read', 'offline.access'],
    issuedAt: now,
    accessExpiresAt: now + 7_200_000,
    refreshExpiresAt: null,
  };
}

/**
 * The limits of `plan` for a vault opened alone. In the app the plan comes from the verified
 * licence (plans/plan-service.ts); a vault without one applies the Free plan's.
 */
export const planLimitOf =
  (plan: Tier): PlanLimit =>
  (platform) => ({ tier: plan, limit: accountLimit(plan, platform) });

/** The forecast and caps the app's summaries follow under default Settings. */
export const APP_SUMMARY_POLICY = createSummaryPolicy(() => DEFAULT_SETTINGS);

/** A vault as the app opens it: summaries follow the default Settings' forecast and caps. */
export function openTestVault(
  dataDir: string,
  key = newKey(),
  now?: () => number,
  plan: Tier = 'free',
) {
  return openVault({
    dataDir,
    keyProtector: rawKeyProtector(key),
    summaryPolicy: APP_SUMMARY_POLICY,
    ...(now ? { now } : {}),
    ...(plan === 'free' ? {} : { planLimit: planLimitOf(plan) }),
  });
}

/**
 * Replaces a vault's wrapped data key with one made by hand from `passphrase`: version 0 (no
 * header, N=2^15, as vaults were first written) or version 1 at any scrypt cost — a cheap one
 * keeps tests that type many passphrases fast. Written independently of key-protectors.ts, so
 * it also pins the stored format.
 */
export async function wrapWithPassphrase(
  vault: Vault,
  passphrase: string,
  format: 'v0' | ScryptCost,
): Promise<void> {
  const dataKey = vault.keyRing().key(vault.keyVersion);
  const salt = randomBytes(16);
  let wrapped: Buffer;
  if (format === 'v0') {
    const key = await deriveKey(passphrase, salt, { log2N: 15, r: 8, p: 1 });
    wrapped = Buffer.concat([salt, seal(key, dataKey, 'switchboard:key-wrap:v1')]);
  } else {
    const header = Buffer.concat([
      Buffer.from('sbkw'),
      Buffer.from([1, format.log2N, format.r, format.p]),
      salt,
    ]);
    const key = await deriveKey(passphrase, salt, format);
    const aad = `switchboard:key-wrap:v2|${header.toString('hex')}`;
    wrapped = Buffer.concat([header, seal(key, dataKey, aad)]);
  }
  vault.db
    .prepare("UPDATE vault_keys SET wrapped = ?, protector = 'passphrase' WHERE version = ?")
    .run(wrapped, vault.keyVersion);
}

/** A scrypt cost far below the real one, for tests where the passphrase is the point but not its cost. */
export const CHEAP_SCRYPT_COST: ScryptCost = { log2N: 12, r: 8, p: 1 };

/**
 * The app's passphrase protector with new wraps at CHEAP_SCRYPT_COST (4 MiB, a few ms, instead
 * of 128 MiB and ~0.4 s). Unwrapping still uses each wrap's stored cost, so it opens vaults
 * wrapped at any cost; the real cost is pinned in key-protectors.test.ts.
 */
export const cheapPassphraseProtector = (passphrase: string) =>
  passphraseKeyProtector(passphrase, CHEAP_SCRYPT_COST);

/** Measures the longest stretch, in ms, during which the event loop did not turn. */
export function watchEventLoop(tickMs = 10) {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - tickMs);
    last = now;
  }, tickMs);
  return {
    stop(): number {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last - tickMs);
    },
  };
}
