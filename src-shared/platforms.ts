/** The platforms Switchboard connects, with the names and scopes a creator sees. */
export const PLATFORM_IDS = ['youtube', 'instagram', 'tiktok', 'x'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

export function isPlatformId(value: string): value is PlatformId {
  return (PLATFORM_IDS as readonly string[]).includes(value);
}

export interface PlatformInfo {
  id: PlatformId;
  displayName: string;
  /** Scopes requested at connect, shown to the creator before the browser opens. */
  scopes: readonly string[];
}

export const PLATFORMS: Record<PlatformId, PlatformInfo> = {
  youtube: {
    id: 'youtube',
    displayName: 'YouTube',
    scopes: [
      'https://www.googleapis.com/auth/youtube.upload',
      'https://www.googleapis.com/auth/youtube.readonly',
    ],
  },
  instagram: {
    id: 'instagram',
    displayName: 'Instagram',
    scopes: ['instagram_business_basic', 'instagram_business_content_publish'],
  },
  tiktok: {
    id: 'tiktok',
    displayName: 'TikTok',
    scopes: ['user.info.basic', 'user.info.profile', 'user.info.stats', 'video.upload'],
  },
  x: {
    id: 'x',
    displayName: 'X',
    scopes: ['tweet.read', 'users.read', 'tweet.write', 'offline.access'],
  },
};

/**
 * A way to connect: one OAuth app and one adapter each. Instagram has two — Instagram Login
 * (`instagram`) and an Instagram account linked to a Facebook Page (`facebook`).
 */
export const PROVIDER_IDS = ['youtube', 'instagram', 'facebook', 'tiktok', 'x'] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

export interface ProviderInfo {
  id: ProviderId;
  platform: PlatformId;
  /** What the connect button and Settings call it. */
  displayName: string;
  /** `SWITCHBOARD_<envName>_CLIENT_ID` / `_CLIENT_SECRET` (PLATFORMS.md). */
  envName: string;
  /** Scopes requested at connect. */
  scopes: readonly string[];
  /** Whether the token endpoint needs a client secret (TikTok, Google, Meta). */
  needsSecret: boolean;
  /** Whether the redirect URI must be registered with one exact port (X, Meta). */
  fixedPort: boolean;
}

export const PROVIDERS: Record<ProviderId, ProviderInfo> = {
  youtube: {
    id: 'youtube',
    platform: 'youtube',
    displayName: 'YouTube',
    envName: 'YOUTUBE',
    scopes: PLATFORMS.youtube.scopes,
    needsSecret: true,
    fixedPort: false,
  },
  instagram: {
    id: 'instagram',
    platform: 'instagram',
    displayName: 'Instagram',
    envName: 'INSTAGRAM',
    scopes: PLATFORMS.instagram.scopes,
    needsSecret: true,
    fixedPort: true,
  },
  facebook: {
    id: 'facebook',
    platform: 'instagram',
    displayName: 'Instagram via Facebook Page',
    envName: 'FACEBOOK',
    scopes: [
      'instagram_basic',
      'instagram_content_publish',
      'pages_show_list',
      'pages_read_engagement',
    ],
    needsSecret: true,
    fixedPort: true,
  },
  tiktok: {
    id: 'tiktok',
    platform: 'tiktok',
    displayName: 'TikTok',
    envName: 'TIKTOK',
    scopes: PLATFORMS.tiktok.scopes,
    needsSecret: true,
    fixedPort: false,
  },
  x: {
    id: 'x',
    platform: 'x',
    displayName: 'X',
    envName: 'X',
    scopes: PLATFORMS.x.scopes,
    needsSecret: false,
    fixedPort: true,
  },
};

/** How a stored account was connected: only the Facebook Page path records a Page. */
export function providerOfAccount(platform: PlatformId, pageId: string | null): ProviderId {
  return platform === 'instagram' && pageId ? 'facebook' : platform;
}

export function isProviderId(value: string): value is ProviderId {
  return (PROVIDER_IDS as readonly string[]).includes(value);
}

/** Graph API version for the Facebook Login path unless Settings says otherwise (PLATFORMS.md). */
export const DEFAULT_GRAPH_API_VERSION = 'v27.0';

/**
 * Fixed loopback ports for the providers whose redirect URI must be registered exactly. Below
 * Linux's ephemeral range (32768–60999), so an outgoing connection never happens to hold one.
 */
export const DEFAULT_REDIRECT_PORTS = { instagram: 7481, facebook: 7482, x: 7483 } as const;
export type FixedPortProvider = keyof typeof DEFAULT_REDIRECT_PORTS;
