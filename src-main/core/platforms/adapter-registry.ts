import { PROVIDER_IDS, type ProviderId } from '../../../src-shared/platforms';
import { createFacebookAdapter } from './facebook-adapter';
import { createInstagramAdapter } from './instagram-adapter';
import type { AdapterContext, AdapterFactory, AdapterRegistry } from './platform-adapter';
import { createTikTokAdapter } from './tiktok-adapter';
import { createXAdapter } from './x-adapter';
import { createYouTubeAdapter } from './youtube-adapter';

/** One factory per provider: the only place that knows which file serves which provider. */
export const ADAPTER_FACTORIES: Record<ProviderId, AdapterFactory> = {
  youtube: createYouTubeAdapter,
  instagram: createInstagramAdapter,
  facebook: createFacebookAdapter,
  tiktok: createTikTokAdapter,
  x: createXAdapter,
};

/**
 * Every provider's adapter. Pass one context, or one per provider (each with its own HTTP
 * client, so request metrics are labelled by platform).
 */
export function createAdapterRegistry(
  context: AdapterContext | ((provider: ProviderId) => AdapterContext),
): AdapterRegistry {
  const contextFor = typeof context === 'function' ? context : () => context;
  return Object.fromEntries(
    PROVIDER_IDS.map((id) => [id, ADAPTER_FACTORIES[id](contextFor(id))]),
  ) as AdapterRegistry;
}
