import { z } from 'zod';

/** Fixed default so scrape configs keep working across launches; documented in the README. */
export const DEFAULT_METRICS_PORT = 9477;

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
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  metricsEnabled: true,
  metricsPort: DEFAULT_METRICS_PORT,
  notificationsEnabled: true,
  metricsTokenSha256: null,
};

/** What settings.update may change; the metrics token goes through metrics.setToken (hashed). */
export const SettingsPatchSchema = SettingsSchema.omit({ metricsTokenSha256: true }).partial();
export type SettingsPatch = z.infer<typeof SettingsPatchSchema>;
