import type { GrantFacts } from '../vault/account-extras';

const DAY = 86_400_000;
/** X refresh tokens live "about 6 months" from their issue (PLATFORMS.md); forecast the short end. */
export const X_REFRESH_LIFETIME_MS = 180 * DAY;
/** Google drops a refresh token unused for 6 months; counted short so the warning is early. */
export const GOOGLE_UNUSED_LIMIT_MS = 180 * DAY;
/** Google apps in External + "Testing" mode: refresh tokens die 7 days after consent. */
export const GOOGLE_TESTING_LIFETIME_MS = 7 * DAY;
/** TikTok's documented refresh lifetime, used only when no answer stated `refresh_expires_in`. */
export const TIKTOK_REFRESH_FALLBACK_MS = 180 * DAY;

// The vault owns the facts it stores; the forecast (policy) is computed here, above it.
export type { GrantFacts };

export interface ForecastPolicy {
  googleTestingMode: boolean;
}

export interface ReauthForecast {
  /** After this moment the account cannot be kept alive without the creator; null = no known end. */
  reauthBy: number | null;
  /** Why, in words a creator can act on; null when reauthBy is null. */
  reason: string | null;
}

const NONE: ReauthForecast = { reauthBy: null, reason: null };

/** The earliest of several candidate ends, keeping its reason. */
function earliest(candidates: (ReauthForecast | null)[]): ReauthForecast {
  let best = NONE;
  for (const candidate of candidates) {
    if (!candidate || candidate.reauthBy === null || !Number.isFinite(candidate.reauthBy)) continue;
    if (best.reauthBy === null || candidate.reauthBy < best.reauthBy) best = candidate;
  }
  return best;
}

const at = (reauthBy: number | null, reason: string): ReauthForecast | null =>
  reauthBy === null ? null : { reauthBy, reason };

/**
 * Per platform, the moment after which no refresh can save the account. Refreshing moves most of
 * these ends forward; Google's testing-mode end and a stated refresh lifetime do not.
 */
export function forecastReauth(facts: GrantFacts, policy: ForecastPolicy): ReauthForecast {
  switch (facts.platform) {
    case 'instagram':
      // No refresh token: the long-lived token extends itself, but only while it is still valid.
      return earliest([
        at(
          facts.accessExpiresAt,
          'The Instagram token ends then unless Switchboard runs and extends it before; after that only a reconnect helps.',
        ),
      ]);
    case 'tiktok':
      return earliest([
        at(
          facts.refreshExpiresAt ??
            (facts.issuedAt === null ? null : facts.issuedAt + TIKTOK_REFRESH_FALLBACK_MS),
          'TikTok’s refresh token ends then; TikTok then asks you to sign in again.',
        ),
      ]);
    case 'x':
      // Rotation issues a fresh refresh token with every refresh, so its six months restart.
      return earliest([
        at(facts.refreshExpiresAt, 'X’s refresh token ends then; reconnect before.'),
        at(
          facts.issuedAt === null ? null : facts.issuedAt + X_REFRESH_LIFETIME_MS,
          'X’s refresh token is about six months old then and stops working; reconnect before.',
        ),
      ]);
    case 'youtube': {
      const lastUse = facts.lastRefreshAt ?? facts.issuedAt;
      return earliest([
        at(
          facts.refreshExpiresAt,
          'Google said this sign-in ends then (a Testing-mode or time-limited grant); reconnect before.',
        ),
        policy.googleTestingMode && facts.consentedAt !== null
          ? at(
              facts.consentedAt + GOOGLE_TESTING_LIFETIME_MS,
              'The Google app is in Testing mode: sign-ins end 7 days after consent, whatever Switchboard does. Reconnect, or publish the app.',
            )
          : null,
        at(
          lastUse === null ? null : lastUse + GOOGLE_UNUSED_LIMIT_MS,
          'Google drops a sign-in unused for six months; Switchboard must refresh it before then.',
        ),
      ]);
    }
  }
}

/** Whether the warning window (`warningMs` before reauthBy) has opened at `now`. */
export function reauthWarningDue(
  forecast: ReauthForecast,
  now: number,
  warningMs: number,
): boolean {
  return forecast.reauthBy !== null && now >= forecast.reauthBy - warningMs;
}
