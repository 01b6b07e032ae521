import { PLATFORM_IDS } from '../../../src-shared/platforms';
import type { Settings } from '../../../src-shared/settings';
import { PLATFORM_DESCRIPTORS } from '../platforms/descriptors';
import { forecastReauth } from '../refresh/reauth-forecast';
import type { SummaryPolicy } from '../vault/account-extras';

/**
 * The forecast and posting cap that account summaries show, following Settings as they change
 * (Google Testing mode shortens forecasts; the TikTok cap is the creator's own).
 */
export function createSummaryPolicy(
  settings: () => Pick<Settings, 'googleTestingMode' | 'tiktokDailyPostCap'>,
): SummaryPolicy {
  return {
    consentPlatforms: () =>
      PLATFORM_IDS.filter((platform) => PLATFORM_DESCRIPTORS[platform].readsConsent?.(settings())),
    forecast: (facts) => forecastReauth(facts, settings()),
    postCap: (platform) => PLATFORM_DESCRIPTORS[platform].posting?.dailyCap?.(settings()) ?? null,
  };
}
