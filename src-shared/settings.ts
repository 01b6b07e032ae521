import { z } from 'zod';
import { DEFAULT_GRAPH_API_VERSION, DEFAULT_REDIRECT_PORTS } from './platforms';

/** Fixed default so scrape configs keep working across launches; documented in the README. */
export const DEFAULT_METRICS_PORT = 9477;

/** http(s) only: a webhook must not reach file:, data: or other schemes through undici. */
export const AlertWebhookUrlSchema = z
  .string()
  .max(2_048, 'Use at most 2048 characters.')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'Use an http:// or https:// address.');

const RedirectPort = z.number().int().min(1024, 'Use a port from 1024 to 65535.').max(65535);

/** User settings, stored by the host (electron-store on desktop, conf in serve mode). */
export const SettingsSchema = z.strictObject({
  /** Serve /health, /health/detailed and /metrics on 127.0.0.1. */
  metricsEnabled: z.boolean(),
  /** 0 picks a free port at each launch. */
  metricsPort: z.number().int().min(0).max(65535),
  /** Desktop notifications on health transitions. */
  notificationsEnabled: z.boolean(),
  /** SHA-256 (hex) of the bearer token /health/detailed and /metrics require; null = none. */
  metricsTokenSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
  /** Loopback ports of the providers whose redirect URI is registered with an exact port. */
  redirectPorts: z.strictObject({
    instagram: RedirectPort,
    facebook: RedirectPort,
    x: RedirectPort,
  }),
  /** Graph API version for Instagram via Facebook Page, e.g. `v27.0`. */
  graphApiVersion: z.string().regex(/^v\d{1,3}\.\d{1,2}$/, 'Use a version such as v27.0.'),
  /** Refresh this long before an access token expires (half its life when it lives shorter). */
  refreshMarginMinutes: z
    .number()
    .int()
    .min(1, 'Use 1 to 60 minutes.')
    .max(60, 'Use 1 to 60 minutes.'),
  /** Refreshes running at once across all accounts. */
  refreshConcurrency: z.number().int().min(1, 'Use 1 to 32.').max(32, 'Use 1 to 32.'),
  /** How often every account's token is checked with a cheap read. */
  tokenCheckIntervalHours: z
    .number()
    .int()
    .min(1, 'Use 1 to 48 hours.')
    .max(48, 'Use 1 to 48 hours.'),
  /** Where account alerts are POSTed as JSON (never a token); null = no webhook. */
  alertWebhookUrl: AlertWebhookUrlSchema.nullable(),
  /** How long a new account status must hold before it alerts (anti-flap). */
  alertHoldSeconds: z.number().int().min(0).max(3_600, 'Use at most 3600 seconds.'),
  /** How long before a forecast re-auth the creator is warned. */
  reauthWarningDays: z.number().int().min(1, 'Use 1 to 60 days.').max(60, 'Use 1 to 60 days.'),
  /** TikTok posts per account per day before Switchboard holds back (TikTok says "around 15"). */
  tiktokDailyPostCap: z
    .number()
    .int()
    .min(1, 'Use 1 to 100 posts.')
    .max(100, 'Use 1 to 100 posts.'),
  /** The Google app is External + "Testing": its refresh tokens die 7 days after consent. */
  googleTestingMode: z.boolean(),
  /** Start Switchboard when the creator logs in (desktop only; serve mode has no login item). */
  launchAtLogin: z.boolean(),
  /**
   * Days the audit log keeps its rows (past days' routine renewals as one row per account and
   * day); an account's latest successful connect stays whatever its age.
   */
  auditRetentionDays: z
    .number()
    .int()
    .min(7, 'Use 7 to 3650 days.')
    .max(3_650, 'Use 7 to 3650 days.'),
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  metricsEnabled: true,
  metricsPort: DEFAULT_METRICS_PORT,
  notificationsEnabled: true,
  metricsTokenSha256: null,
  redirectPorts: { ...DEFAULT_REDIRECT_PORTS },
  graphApiVersion: DEFAULT_GRAPH_API_VERSION,
  refreshMarginMinutes: 5,
  refreshConcurrency: 4,
  tokenCheckIntervalHours: 6,
  alertWebhookUrl: null,
  alertHoldSeconds: 120,
  reauthWarningDays: 7,
  tiktokDailyPostCap: 15,
  googleTestingMode: false,
  launchAtLogin: false,
  auditRetentionDays: 365,
};

/** What settings.update may change; the metrics token goes through metrics.setToken (hashed). */
export const SettingsPatchSchema = SettingsSchema.omit({ metricsTokenSha256: true }).partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
