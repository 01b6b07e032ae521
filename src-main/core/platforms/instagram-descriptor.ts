import { PLATFORMS, PROVIDERS } from '../../../src-shared/platforms';
import type {
  PlatformDescriptor,
  ProviderDescriptor,
  RefreshStyle,
  TokenGuard,
} from './platform-descriptor';

const DAY = 86_400_000;

/** Instagram, whichever of Meta's two ways it was connected (facebook-descriptor.ts shares it). */
export const INSTAGRAM_PLATFORM: PlatformDescriptor = {
  id: 'instagram',
  displayName: PLATFORMS.instagram.displayName,
  probeUrl: 'https://graph.instagram.com/me',
  // No refresh token: the long-lived token extends itself, but only while it is still valid.
  reauthHorizon: (facts) => [
    {
      reauthBy: facts.accessExpiresAt,
      reason:
        'The Instagram token ends then unless Switchboard runs and extends it before; after that only a reconnect helps.',
    },
  ],
  // The cap is Meta's own (content_publishing_limit); Switchboard counts nothing.
  posting: null,
  rateLimitHeaders: {
    kind: 'usage-percent',
    headers: [
      { header: 'x-app-usage', name: 'meta app usage %' },
      { header: 'x-business-use-case-usage', name: 'meta business use case usage %' },
    ],
  },
  // profile_picture_url, from either way in: scontent-iad3-1.cdninstagram.com,
  // scontent.xx.fbcdn.net, scontent-lax3-1.xx.fbcdn.net; lookaside serves Facebook's pictures.
  avatars: {
    hosts: [
      /^scontent(?:-[a-z0-9]+)*\.cdninstagram\.com$/,
      /^scontent(?:-[a-z0-9]+)*(?:\.[a-z0-9-]+){0,2}\.fbcdn\.net$/,
      /^platform-lookaside\.fbsbx\.com$/,
    ],
    origins: ['https://scontent.cdninstagram.com', 'https://scontent.xx.fbcdn.net'],
  },
};

/**
 * Meta's long-lived tokens (60 days) extend only once a day old; extending weekly rather than near
 * day 60 keeps them alive through weeks with the machine switched off.
 */
export const META_EXTEND: RefreshStyle = { kind: 'extend', minAgeMs: DAY, everyMs: 7 * DAY };

export const META_HINT =
  'Meta accepts an http://127.0.0.1 redirect only while the Meta app is in development mode.';

/** Graph's optional version prefix (`/v27.0`). */
export const GRAPH_VERSION = String.raw`(?:/v\d+(?:\.\d+)?)?`;
/** Graph's root takes a `batch`, which could ask for anything below. */
export const GRAPH_ROOT = new RegExp(`^${GRAPH_VERSION}/?$`, 'i');
/** Graph's batch and method override, refused in a query or a body. */
export const GRAPH_PARAMS = ['batch', 'method'];

const INSTAGRAM_GUARD: TokenGuard = {
  paths: [
    new RegExp(`^${GRAPH_VERSION}/(?:refresh_access_token|access_token|oauth)(?:/|$)`, 'i'),
    GRAPH_ROOT,
  ],
  params: GRAPH_PARAMS,
  fields: ['access_token'],
  bodyParams: true,
};

/** Instagram API with Instagram Login (no Facebook Page; the preferred path). */
export const INSTAGRAM_DESCRIPTOR: ProviderDescriptor = {
  id: 'instagram',
  displayName: PROVIDERS.instagram.displayName,
  platform: INSTAGRAM_PLATFORM,
  envName: 'INSTAGRAM',
  scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
  needsSecret: true,
  redirect: { fixedPort: true, portSetting: 'instagram' },
  hint: () => META_HINT,
  origins: [
    'https://www.instagram.com',
    'https://api.instagram.com',
    'https://graph.instagram.com',
  ],
  api: { origin: 'https://graph.instagram.com', tokenGuard: INSTAGRAM_GUARD },
  refresh: META_EXTEND,
};
