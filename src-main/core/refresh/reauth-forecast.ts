import { PLATFORM_DESCRIPTORS } from '../platforms/descriptors';
import type { ForecastPolicy, ReauthCandidate } from '../platforms/platform-descriptor';
import type { GrantFacts } from '../vault/account-extras';

// The vault owns the facts it stores; each platform's descriptor names its possible ends, and
// the forecast (policy) is computed here, above both.
export type { ForecastPolicy, GrantFacts };

export interface ReauthForecast {
  /** After this moment the account cannot be kept alive without the creator; null = no known end. */
  reauthBy: number | null;
  /** Why, in words a creator can act on; null when reauthBy is null. */
  reason: string | null;
}

const NONE: ReauthForecast = { reauthBy: null, reason: null };

/** The earliest of several candidate ends, keeping its reason. */
function earliest(candidates: ReauthCandidate[]): ReauthForecast {
  let best = NONE;
  for (const candidate of candidates) {
    if (candidate.reauthBy === null || !Number.isFinite(candidate.reauthBy)) continue;
    if (best.reauthBy === null || candidate.reauthBy < best.reauthBy) best = candidate;
  }
  return best;
}

/**
 * The moment after which no refresh can save the account: the earliest of the ends its
 * platform's descriptor names (reauthHorizon). Refreshing moves most of them forward; Google's
 * testing-mode end and a stated refresh lifetime do not.
 */
export function forecastReauth(facts: GrantFacts, policy: ForecastPolicy): ReauthForecast {
  return earliest(PLATFORM_DESCRIPTORS[facts.platform].reauthHorizon(facts, policy));
}

/** Whether the warning window (`warningMs` before reauthBy) has opened at `now`. */
export function reauthWarningDue(
  forecast: ReauthForecast,
  now: number,
  warningMs: number,
): boolean {
  return forecast.reauthBy !== null && now >= forecast.reauthBy - warningMs;
}
