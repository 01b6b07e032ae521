/**
 * The platforms Switchboard connects: the ids the contract validates and the names the renderer
 * shows. Everything else about a platform lives in main, in its descriptor beside its adapter
 * (the core's platforms/<provider>-descriptor.ts), which reads its names from here.
 */
export const PLATFORM_IDS = ['youtube', 'instagram', 'tiktok', 'x'] as const;
export type PlatformId = (typeof PLATFORM_IDS)[number];

export function isPlatformId(value: string): value is PlatformId {
  return (PLATFORM_IDS as readonly string[]).includes(value);
}

export interface PlatformInfo {
  id: PlatformId;
  displayName: string;
}

export const PLATFORMS: Record<PlatformId, PlatformInfo> = {
  youtube: { id: 'youtube', displayName: 'YouTube' },
  instagram: { id: 'instagram', displayName: 'Instagram' },
  tiktok: { id: 'tiktok', displayName: 'TikTok' },
  x: { id: 'x', displayName: 'X' },
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
}

export const PROVIDERS: Record<ProviderId, ProviderInfo> = {
  youtube: { id: 'youtube', platform: 'youtube', displayName: 'YouTube' },
  instagram: { id: 'instagram', platform: 'instagram', displayName: 'Instagram' },
  facebook: { id: 'facebook', platform: 'instagram', displayName: 'Instagram via Facebook Page' },
  tiktok: { id: 'tiktok', platform: 'tiktok', displayName: 'TikTok' },
  x: { id: 'x', platform: 'x', displayName: 'X' },
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
 * Fixed loopback ports for the providers whose redirect URI must be registered exactly (a
 * setting, so its default lives here with the other settings' defaults). Below Linux's ephemeral
 * range (32768–60999), so an outgoing connection never happens to hold one.
 */
export const DEFAULT_REDIRECT_PORTS = { instagram: 7481, facebook: 7482, x: 7483 } as const;
export type FixedPortProvider = keyof typeof DEFAULT_REDIRECT_PORTS;
