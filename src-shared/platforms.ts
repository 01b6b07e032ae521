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
