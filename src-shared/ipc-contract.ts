import { z } from 'zod';
import { AccountLabelSchema, AccountSummarySchema } from './account';
import {
  AccountAlertSchema,
  RolledWebhookSecretSchema,
  WebhookSecretStatusSchema,
  WebhookTestResultSchema,
} from './alerts';
import {
  ConnectSessionSchema,
  DisconnectResultSchema,
  ProviderStatusSchema,
  SetCredentialsSchema,
} from './connect';
import { ERROR_CODES } from './errors';
import { HealthDocumentSchema } from './health';
import { LicenceKeyInputSchema, PlanStatusSchema } from './plans';
import { PROVIDER_IDS } from './platforms';
import { AlertWebhookUrlSchema, SettingsPatchSchema, SettingsSchema } from './settings';
import { CreatedToolSchema, CreateToolInputSchema, ToolSummarySchema } from './tools';

/**
 * The one IPC contract. Every command channel and every main→renderer event is declared here,
 * once; both transports (Electron IPC and serve-mode HTTP) and the renderer derive from it.
 * Adding a channel: add an entry below and its handler in the core's api*.ts file of its domain
 * (the core's api.ts gathers them; docs/architecture.md says which file holds which).
 */

const NoInput = z.strictObject({});

export const AppInfoSchema = z.strictObject({
  productName: z.string(),
  version: z.string(),
  commit: z.string(),
  mode: z.enum(['desktop', 'serve', 'demo']),
  dataDir: z.string(),
  /** Where Prometheus can scrape, or null when the server is off. */
  metricsUrl: z.string().nullable(),
  /** What is really running: `failed` when Settings asked for it but it could not start. */
  metricsServer: z
    .strictObject({
      state: z.enum(['on', 'off', 'failed']),
      /** The port it listens on, or the one it could not take. */
      port: z.number().int().nullable(),
      /** Why it is not running, in a sentence; null when on or simply turned off. */
      reason: z.string().nullable(),
    })
    .optional(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const ErrorBodySchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

export const VaultStatusSchema = z.strictObject({
  state: z.enum(['open', 'locked']),
  /** How the vault key is protected, e.g. `safeStorage:kwallet6`, `passphrase`. */
  keyProtector: z.string(),
  error: ErrorBodySchema.nullable(),
  /** False while no vault exists in the data folder yet: unlocking then creates it. */
  exists: z.boolean().optional(),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

/** One line of an account's audit trail: what happened and how it went, never a secret. */
export const AuditEntrySchema = z.strictObject({
  /** connect, refresh, rotate, check, revoke, disconnect, error, transition, tool_token, … */
  action: z.string(),
  outcome: z.enum(['ok', 'failed']),
  detail: z.string().nullable(),
  at: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const channels = {
  'app.info': { input: NoInput, output: AppInfoSchema },
  'settings.get': { input: NoInput, output: SettingsSchema },
  'settings.update': { input: SettingsPatchSchema.strict(), output: SettingsSchema },
  'vault.status': { input: NoInput, output: VaultStatusSchema },
  /** Fails with `vault_already_open` while the vault is open, whatever the passphrase. */
  'vault.unlock': {
    input: z.strictObject({
      passphrase: z.string().min(8, 'Use at least 8 characters.').max(1024),
    }),
    output: VaultStatusSchema,
  },
  /**
   * A new vault passphrase. `current` is checked when the vault is passphrase-protected and
   * ignored when the OS key store or SWITCHBOARD_VAULT_KEY keeps it. `next` follows the one
   * passphrase rule in main (passphrase_too_weak), so no minimum here. `rotateKey` also replaces
   * the data key, so copies of the vault file made before no longer reveal new secrets.
   */
  'vault.changePassphrase': {
    input: z.strictObject({
      current: z.string().max(1024),
      next: z.string().max(1024),
      rotateKey: z.boolean(),
    }),
    output: VaultStatusSchema,
  },
  /** A fresh data key: every secret re-encrypted under it, the old key dropped. */
  'vault.rotateKey': { input: NoInput, output: z.strictObject({ rotatedAt: z.string() }) },
  /** Writes an encrypted backup into the data folder's backups folder. */
  'vault.exportBackup': {
    input: z.strictObject({
      passphrase: z.string().min(8, 'Use at least 8 characters.').max(1024),
    }),
    output: z.strictObject({
      name: z.string(),
      folder: z.string(),
      accounts: z.number().int(),
      unreadable: z.number().int(),
    }),
  },
  /** The backups in that folder, newest first. */
  'vault.backups': {
    input: NoInput,
    output: z.array(z.strictObject({ name: z.string(), createdAt: z.string() })),
  },
  /** Replaces the vault's contents with a backup from that folder, all or nothing. */
  'vault.importBackup': {
    input: z.strictObject({ name: z.string().max(200), passphrase: z.string().max(1024) }),
    output: z.strictObject({ accounts: z.number().int() }),
  },
  'accounts.list': { input: NoInput, output: z.array(AccountSummarySchema) },
  'accounts.connect': {
    input: z.strictObject({
      provider: z.enum(PROVIDER_IDS),
      /** Reconnect this account: the sign-in must be the same platform user. */
      accountId: z.string().optional(),
    }),
    output: ConnectSessionSchema,
  },
  'accounts.cancelConnect': {
    input: z.strictObject({ connectId: z.string() }),
    output: ConnectSessionSchema,
  },
  'accounts.choosePage': {
    input: z.strictObject({ connectId: z.string(), pageId: z.string() }),
    output: ConnectSessionSchema,
  },
  /** Sign-ins still running, for a page that reloads mid-connect. */
  'accounts.connections': { input: NoInput, output: z.array(ConnectSessionSchema) },
  'accounts.rename': {
    input: z.strictObject({ accountId: z.string(), label: AccountLabelSchema.nullable() }),
    output: AccountSummarySchema,
  },
  'accounts.disconnect': {
    input: z.strictObject({ accountId: z.string() }),
    output: DisconnectResultSchema,
  },
  /** Checks one account's token, or every account's, with a cheap read; never spends a rotation. */
  'accounts.check': {
    input: z.strictObject({ accountId: z.string().optional() }),
    output: z.array(AccountSummarySchema),
  },
  /** An account's audit trail, newest first. */
  'accounts.audit': {
    input: z.strictObject({
      accountId: z.string(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    output: z.array(AuditEntrySchema),
  },
  /**
   * An account's avatar as a data: URL (PNG, JPEG, WebP or GIF), fetched and kept by main; null =
   * none to show (the page keeps its placeholder). A data: URL works under the page's CSP in both
   * shells, where an <img src> to the app would carry no serve-mode session.
   */
  'accounts.avatar': {
    input: z.strictObject({ accountId: z.string().max(128) }),
    output: z.strictObject({
      dataUrl: z
        .string()
        .regex(/^data:image\/(?:png|jpeg|webp|gif);base64,[A-Za-z0-9+/]+=*$/)
        .nullable(),
    }),
  },
  'platforms.list': { input: NoInput, output: z.array(ProviderStatusSchema) },
  'platforms.setCredentials': { input: SetCredentialsSchema, output: ProviderStatusSchema },
  'platforms.clearCredentials': {
    input: z.strictObject({ provider: z.enum(PROVIDER_IDS) }),
    output: ProviderStatusSchema,
  },
  'health.get': { input: NoInput, output: HealthDocumentSchema },
  'metrics.setToken': {
    input: z.strictObject({
      token: z
        .string()
        .min(16, 'Use at least 16 characters.')
        .max(256, 'Use at most 256 characters.')
        .regex(/\S/, 'Use letters and digits, not only spaces.')
        .nullable(),
    }),
    output: SettingsSchema,
  },
  /** Sends one test alert to `url`, or to the webhook URL in Settings when absent. */
  'alerts.testWebhook': {
    input: z.strictObject({ url: AlertWebhookUrlSchema.optional() }),
    output: WebhookTestResultSchema,
  },
  /** Whether a webhook signing secret is set (never the secret). */
  'alerts.webhookSecretStatus': { input: NoInput, output: WebhookSecretStatusSchema },
  /** Makes a new signing secret, replacing any earlier one; the answer is the only time it is shown. */
  'alerts.rollWebhookSecret': { input: NoInput, output: RolledWebhookSecretSchema },
  /** A tool key for the local /v1 API; the answer is the only time the key is shown. */
  'tools.create': { input: CreateToolInputSchema, output: CreatedToolSchema },
  /** Tool keys without the keys themselves. */
  'tools.list': { input: NoInput, output: z.array(ToolSummarySchema) },
  'tools.revoke': {
    input: z.strictObject({ toolId: z.string().min(1).max(64) }),
    output: ToolSummarySchema,
  },
  /** Puts a `switchboard` launcher in the creator's own bin folder (Settings → Tools). */
  'tools.installCommand': {
    input: NoInput,
    output: z.strictObject({ path: z.string(), onPath: z.boolean() }),
  },
  /** The plan in force (derived from the verified licence), its limits and what is used. */
  'plan.get': { input: NoInput, output: PlanStatusSchema },
  /** Verifies a licence key offline and keeps it; a refused key changes nothing. */
  'plan.enterLicence': { input: LicenceKeyInputSchema, output: PlanStatusSchema },
  /** Forgets the licence key; connected accounts stay connected. */
  'plan.removeLicence': { input: NoInput, output: PlanStatusSchema },
} as const;

export const events = {
  'settings.changed': SettingsSchema,
  'vault.changed': VaultStatusSchema,
  'accounts.changed': z.array(AccountSummarySchema),
  'accounts.connectProgress': ConnectSessionSchema,
  'health.changed': HealthDocumentSchema,
  /** An account alert (status change that held, or a re-auth coming): token-free. */
  'alerts.raised': AccountAlertSchema,
  /** The desktop shell asks the window to show one account (a tray item or notification was clicked). */
  'app.openAccount': z.strictObject({ accountId: z.string() }),
  /** A licence key was entered or removed. */
  'plan.changed': PlanStatusSchema,
} as const;

export type ChannelName = keyof typeof channels;
export type EventName = keyof typeof events;
export type ChannelInput<C extends ChannelName> = z.input<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<(typeof channels)[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** What every call answers, on every transport. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorBody };

export const ResultSchema = z.union([
  z.strictObject({ ok: z.literal(true), value: z.unknown() }),
  z.strictObject({ ok: z.literal(false), error: ErrorBodySchema }),
]);

/** An event as it travels: its name and its payload. */
export interface EventMessage<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
}

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** The narrow bridge the Electron preload exposes as `window.switchboard`. */
export interface SwitchboardBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}
