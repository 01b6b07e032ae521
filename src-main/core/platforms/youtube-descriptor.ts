import { PLATFORMS, PROVIDERS } from '../../../src-shared/platforms';
import type { PlatformDescriptor, ProviderDescriptor } from './platform-descriptor';

const DAY = 86_400_000;
/** Google drops a refresh token unused for 6 months; counted short so the warning is early. */
export const GOOGLE_UNUSED_LIMIT_MS = 180 * DAY;
/** Google apps in External + "Testing" mode: refresh tokens die 7 days after consent. */
export const GOOGLE_TESTING_LIFETIME_MS = 7 * DAY;
/** Exercising a Google grant weekly keeps it far from the 6-month unused limit. */
export const GOOGLE_EXERCISE_EVERY_MS = 7 * DAY;

const YOUTUBE_PLATFORM: PlatformDescriptor = {
  id: 'youtube',
  displayName: PLATFORMS.youtube.displayName,
  probeUrl: 'https://www.googleapis.com/youtube/v3/channels',
  reauthHorizon: (facts, policy) => {
    const lastUse = facts.lastRefreshAt ?? facts.issuedAt;
    return [
      {
        reauthBy: facts.refreshExpiresAt,
        reason:
          'Google said this sign-in ends then (a Testing-mode or time-limited grant); reconnect before.',
      },
      {
        // Refreshing does not move this end: only a reconnect (a new consent) does.
        reauthBy:
          policy.googleTestingMode && facts.consentedAt !== null
            ? facts.consentedAt + GOOGLE_TESTING_LIFETIME_MS
            : null,
        reason:
          'The Google app is in Testing mode: sign-ins end 7 days after consent, whatever Switchboard does. Reconnect, or publish the app.',
      },
      {
        reauthBy: lastUse === null ? null : lastUse + GOOGLE_UNUSED_LIMIT_MS,
        reason:
          'Google drops a sign-in unused for six months; Switchboard must refresh it before then.',
      },
    ];
  },
  // Only Testing mode's end counts from consent.
  readsConsent: (policy) => policy.googleTestingMode,
  posting: null,
  rateLimitHeaders: null,
  // channels.list's thumbnails.
  avatars: {
    hosts: [/^yt3\.ggpht\.com$/, /^yt3\.googleusercontent\.com$/],
    origins: ['https://yt3.ggpht.com'],
  },
};

/** YouTube through Google OAuth 2.0, with a "Desktop app" client. */
export const YOUTUBE_DESCRIPTOR: ProviderDescriptor = {
  id: 'youtube',
  displayName: PROVIDERS.youtube.displayName,
  platform: YOUTUBE_PLATFORM,
  envName: 'YOUTUBE',
  scopes: [
    'https://www.googleapis.com/auth/youtube.upload',
    'https://www.googleapis.com/auth/youtube.readonly',
  ],
  // Required in practice, though Google says a Desktop secret is not confidential.
  needsSecret: true,
  redirect: { fixedPort: false, register: 'http://127.0.0.1' },
  hint: () =>
    'Use a Google OAuth client of type "Desktop app": it accepts any port on http://127.0.0.1.',
  origins: [
    'https://accounts.google.com',
    'https://oauth2.googleapis.com',
    'https://www.googleapis.com',
  ],
  api: {
    origin: 'https://www.googleapis.com',
    // oauth2.googleapis.com/token and /revoke, and the older www.googleapis.com/oauth2/v4/token.
    tokenGuard: {
      paths: [/^\/(?:token|revoke|tokeninfo)(?:\/|$)/i, /^\/(?:o\/)?oauth2(?:\/|$)/i],
    },
  },
  refresh: { kind: 'non-rotating', exerciseEveryMs: GOOGLE_EXERCISE_EVERY_MS },
};
