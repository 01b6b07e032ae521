import type { PlatformId } from '../../../src-shared/platforms';

/**
 * Where each platform's services live. Everything that talks to a platform takes its URLs from
 * here, so tests (and a future relay) point them elsewhere.
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
