import {
  PLATFORM_IDS,
  PROVIDER_IDS,
  type PlatformId,
  type ProviderId,
} from '../../../src-shared/platforms';
import { FACEBOOK_DESCRIPTOR } from './facebook-descriptor';
import { INSTAGRAM_DESCRIPTOR } from './instagram-descriptor';
import type { PlatformDescriptor, ProviderDescriptor } from './platform-descriptor';
import { TIKTOK_DESCRIPTOR } from './tiktok-descriptor';
import { X_DESCRIPTOR } from './x-descriptor';
import { YOUTUBE_DESCRIPTOR } from './youtube-descriptor';

/** Every provider's descriptor: the one place that knows which file describes which provider. */
export const DESCRIPTORS: Record<ProviderId, ProviderDescriptor> = {
  youtube: YOUTUBE_DESCRIPTOR,
  instagram: INSTAGRAM_DESCRIPTOR,
  facebook: FACEBOOK_DESCRIPTOR,
  tiktok: TIKTOK_DESCRIPTOR,
  x: X_DESCRIPTOR,
};

/** Each platform's facts, from the providers that connect it (Instagram's two share one). */
export const PLATFORM_DESCRIPTORS = Object.fromEntries(
  PLATFORM_IDS.map((platform) => [
    platform,
    PROVIDER_IDS.map((id) => DESCRIPTORS[id].platform).find((facts) => facts.id === platform),
  ]),
) as Record<PlatformId, PlatformDescriptor>;

/** Every real origin Switchboard talks to (PLATFORMS.md's origin table, avatar CDNs too), each once. */
export const PLATFORM_ORIGINS: readonly string[] = [
  ...new Set([
    ...PROVIDER_IDS.flatMap((id) => DESCRIPTORS[id].origins),
    ...PLATFORM_IDS.flatMap((id) => PLATFORM_DESCRIPTORS[id].avatars.origins),
  ]),
];

/** Platforms any of whose providers rotate refresh tokens (a restored one may be spent). */
export const ROTATING_PLATFORMS: readonly PlatformId[] = [
  ...new Set(
    PROVIDER_IDS.filter((id) => DESCRIPTORS[id].refresh.kind === 'rotating').map(
      (id) => DESCRIPTORS[id].platform.id,
    ),
  ),
];
