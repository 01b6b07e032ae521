import type { PlatformId } from '../../../src-shared/platforms';

/**
 * The real URLs of each platform's cheap reachability probe. Like every platform URL they pass
 * through the origin table (origin-table.ts) before use, which is how tests point them at fakes.
 */
export interface PlatformEndpoints {
  /** A cheap URL on the API host, for reachability probes (any HTTP answer means reachable). */
  apiProbe: string;
}

export const DEFAULT_ENDPOINTS: Record<PlatformId, PlatformEndpoints> = {
  youtube: { apiProbe: 'https://www.googleapis.com/youtube/v3/channels' },
  instagram: { apiProbe: 'https://graph.instagram.com/me' },
  tiktok: { apiProbe: 'https://open.tiktokapis.com/v2/user/info/' },
  x: { apiProbe: 'https://api.x.com/2/users/me' },
};
