import { PLATFORMS, PROVIDERS } from '../../../src-shared/platforms';
import type { PlatformDescriptor, ProviderDescriptor } from './platform-descriptor';

const DAY = 86_400_000;
/** TikTok's documented refresh lifetime, used only when no answer stated `refresh_expires_in`. */
export const TIKTOK_REFRESH_FALLBACK_MS = 180 * DAY;

const TIKTOK_PLATFORM: PlatformDescriptor = {
  id: 'tiktok',
  displayName: PLATFORMS.tiktok.displayName,
  probeUrl: 'https://open.tiktokapis.com/v2/user/info/',
  reauthHorizon: (facts) => [
    {
      reauthBy:
        facts.refreshExpiresAt ??
        (facts.issuedAt === null ? null : facts.issuedAt + TIKTOK_REFRESH_FALLBACK_MS),
      reason: 'TikTok’s refresh token ends then; TikTok then asks you to sign in again.',
    },
  ],
  posting: {
    // Counting a path the platform then refuses costs nothing (only published posts count);
    // missing one that it accepts would pass the cap.
    publishPaths: [/^\/v2\/post\/publish\/(video|inbox\/video|content)\/init\/?$/i],
    // "Typically around 15 posts per day" (PLATFORMS.md): the creator's own setting.
    dailyCap: (settings) => settings.tiktokDailyPostCap,
    // TikTok may answer 200 with an error in the body.
    failedDespiteSuccess: (body) => {
      const code = /"code"\s*:\s*"([^"]*)"/.exec(body)?.[1];
      return code !== undefined && code !== 'ok';
    },
  },
  rateLimitHeaders: null,
  // user/info's avatar_url: p16-sign-va.tiktokcdn.com, p19-pu-sign-useast8.tiktokcdn-us.com…
  // Only TikTok's own tiktokcdn.com, -us.com and -eu.com: another "tiktokcdn-xx.com" could be anyone's.
  avatars: {
    hosts: [/^p\d{1,3}(?:-[a-z0-9]+)*-sign(?:-[a-z0-9]+)*\.tiktokcdn(?:-us|-eu)?\.com$/],
    origins: ['https://p16-sign-va.tiktokcdn.com'],
  },
};

/** TikTok Login Kit for Desktop. */
export const TIKTOK_DESCRIPTOR: ProviderDescriptor = {
  id: 'tiktok',
  displayName: PROVIDERS.tiktok.displayName,
  platform: TIKTOK_PLATFORM,
  envName: 'TIKTOK',
  scopes: ['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.upload'],
  needsSecret: true,
  // A wildcard port is allowed; the trailing slash is part of the registered URI.
  redirect: { fixedPort: false, register: 'http://127.0.0.1:*/callback/' },
  hint: () => null,
  origins: ['https://www.tiktok.com', 'https://open.tiktokapis.com'],
  api: {
    origin: 'https://open.tiktokapis.com',
    tokenGuard: { paths: [/^(?:\/v\d+)?\/oauth(?:\/|$)/i] },
  },
  // Refresh tokens rotate: the new one is stored atomically.
  refresh: { kind: 'rotating' },
};
