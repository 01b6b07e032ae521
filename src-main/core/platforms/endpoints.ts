import { PLATFORM_IDS, type PlatformId } from '../../../src-shared/platforms';
import { PLATFORM_DESCRIPTORS } from './descriptors';

/** A platform's cheap reachability probe, as the demo's simulated APIs read it. */
export interface PlatformEndpoints {
  /** A cheap URL on the API host, for reachability probes (any HTTP answer means reachable). */
  apiProbe: string;
}

/**
 * Each platform's probe URL, read from its descriptor (`probeUrl`). Kept for the simulated
 * platform APIs (test/support/platform-api.ts), which can read the descriptors once they move.
 */
export const DEFAULT_ENDPOINTS = Object.fromEntries(
  PLATFORM_IDS.map((platform) => [platform, { apiProbe: PLATFORM_DESCRIPTORS[platform].probeUrl }]),
) as Record<PlatformId, PlatformEndpoints>;
