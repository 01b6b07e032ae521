import { PLATFORMS, PROVIDERS } from '../../../src-shared/platforms';
import type { PlatformDescriptor, ProviderDescriptor } from './platform-descriptor';

const DAY = 86_400_000;
/** X refresh tokens live "about 6 months" from their issue (PLATFORMS.md); forecast the short end. */
export const X_REFRESH_LIFETIME_MS = 180 * DAY;

const X_PLATFORM: PlatformDescriptor = {
  id: 'x',
  displayName: PLATFORMS.x.displayName,
  probeUrl: 'https://api.x.com/2/users/me',
  // Rotation issues a fresh refresh token with every refresh, so its six months restart.
  reauthHorizon: (facts) => [
    { reauthBy: facts.refreshExpiresAt, reason: 'X’s refresh token ends then; reconnect before.' },
    {
      reauthBy: facts.issuedAt === null ? null : facts.issuedAt + X_REFRESH_LIFETIME_MS,
      reason: 'X’s refresh token is about six months old then and stops working; reconnect before.',
    },
  ],
  // Case and a trailing slash are ignored (as for every platform's publish paths).
  posting: { publishPaths: [/^\/2\/tweets\/?$/i] },
  // Per endpoint `x-rate-limit-*`, and the per-user 24-hour posting limit.
  rateLimitHeaders: {
    kind: 'counters',
    sets: [
      { prefix: 'x-rate-limit', name: null },
      { prefix: 'x-user-limit-24hour', name: 'x user 24-hour limit' },
    ],
  },
  // users/me's profile_image_url; abs.twimg.com serves the default egg/silhouette.
  avatars: {
    hosts: [/^pbs\.twimg\.com$/, /^abs\.twimg\.com$/],
    origins: ['https://pbs.twimg.com'],
  },
};

/** X OAuth 2.0 (Authorization Code + PKCE): a public "Native App" client by default. */
export const X_DESCRIPTOR: ProviderDescriptor = {
  id: 'x',
  displayName: PROVIDERS.x.displayName,
  platform: X_PLATFORM,
  envName: 'X',
  scopes: ['tweet.read', 'users.read', 'tweet.write', 'offline.access'],
  needsSecret: false,
  // Exact match of a registered URL: a fixed, configurable port.
  redirect: { fixedPort: true, portSetting: 'x' },
  hint: (credentials) =>
    credentials.clientSecret
      ? 'A client secret is set, so Switchboard signs in as a confidential client (HTTP Basic).'
      : null,
  origins: ['https://x.com', 'https://api.x.com'],
  api: {
    origin: 'https://api.x.com',
    // OAuth 2.0 (/2/oauth2/token, /2/oauth2/revoke) and the older /oauth2/token, /oauth/*.
    tokenGuard: { paths: [/^(?:\/\d+(?:\.\d+)?)?\/oauth2?(?:\/|$)/i] },
  },
  // Single-use refresh tokens: a replay after an unknown outcome can kill the family.
  refresh: { kind: 'rotating' },
};
