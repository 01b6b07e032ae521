import { z } from 'zod';
import { ACCOUNT_STATUSES } from './account';
import { PLATFORM_IDS } from './platforms';

/**
 * One account alert as the renderer and the webhook receive it: a status change that held long
 * enough (`status`), a re-auth coming within the warning window (`reauth_due`), or a test.
 * Token-free by construction: ids, names, statuses and sentences only.
 */
export const AccountAlertSchema = z.strictObject({
  kind: z.enum(['status', 'reauth_due', 'test']),
  accountId: z.string(),
  platform: z.enum(PLATFORM_IDS),
  label: z.string(),
  oldStatus: z.enum(ACCOUNT_STATUSES).nullable(),
  newStatus: z.enum(ACCOUNT_STATUSES),
  reason: z.string().nullable(),
  /** When the status changed (ISO). */
  at: z.string(),
  /** The forecast re-auth moment (ISO) for `reauth_due`, else null. */
  reauthBy: z.string().nullable(),
});
export type AccountAlert = z.infer<typeof AccountAlertSchema>;

/** What "send test" to the webhook answered. */
export const WebhookTestResultSchema = z.strictObject({
  delivered: z.boolean(),
  /** The HTTP status the webhook answered, or null when it did not answer. */
  status: z.number().int().nullable(),
  message: z.string(),
});
export type WebhookTestResult = z.infer<typeof WebhookTestResultSchema>;

/** Whether the webhook signing secret exists; never the secret itself. */
export const WebhookSecretStatusSchema = z.strictObject({
  set: z.boolean(),
  /** When the current secret was made (ISO), or null. */
  createdAt: z.string().nullable(),
});
export type WebhookSecretStatus = z.infer<typeof WebhookSecretStatusSchema>;

/** A newly made signing secret: the one answer that carries it, to show once. */
export const RolledWebhookSecretSchema = z.strictObject({
  secret: z.string(),
  createdAt: z.string(),
});
export type RolledWebhookSecret = z.infer<typeof RolledWebhookSecretSchema>;
