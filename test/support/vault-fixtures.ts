import { randomBytes } from 'node:crypto';
import type { PlatformId } from '../../src-shared/platforms';
import { rawKeyProtector } from '../../src-main/core/vault/key-protectors';
import type { ConnectedProfile, TokenSet } from '../../src-main/core/vault/types';
import { openVault } from '../../src-main/core/vault/vault';

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

export function openTestVault(dataDir: string, key = newKey(), now?: () => number) {
  return openVault({ dataDir, keyProtector: rawKeyProtector(key), ...(now ? { now } : {}) });
}
