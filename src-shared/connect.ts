import { z } from 'zod';
import { AccountSummarySchema } from './account';
import { ERROR_CODES } from './errors';
import { PLATFORM_IDS, PROVIDER_IDS } from './platforms';

/** Where a provider's credentials came from, in order of precedence. */
export const CREDENTIAL_SOURCES = ['settings', 'environment', 'build'] as const;
export type CredentialSource = (typeof CREDENTIAL_SOURCES)[number];

/** Settings → Platforms: one provider's state. Never a client secret, only whether one is set. */
export const ProviderStatusSchema = z.strictObject({
  id: z.enum(PROVIDER_IDS),
  platform: z.enum(PLATFORM_IDS),
  displayName: z.string(),
  configured: z.boolean(),
  source: z.enum(CREDENTIAL_SOURCES).nullable(),
  /** Client ids are public (they appear in every authorize URL); shown so the creator can check it. */
  clientId: z.string().nullable(),
  hasSecret: z.boolean(),
  needsSecret: z.boolean(),
  /** The redirect URI to register in the platform's developer console. */
  redirectUri: z.string(),
  /** Whether that URI names one exact port (then `port` is the setting that holds it). */
  fixedPort: z.boolean(),
  port: z.number().int().nullable(),
  /** Plain words on what to do next (no credentials, missing secret, Meta's https rule…). */
  hint: z.string().nullable(),
  /**
   * The host of the publisher's relay when this provider signs in through one (a built-in Meta or
   * TikTok app whose secret the relay holds); null when it talks to the platform directly.
   */
  relayHost: z.string().nullable(),
  /** The scopes Switchboard asks for, which an own app must enable (from the descriptor). */
  scopes: z.array(z.string()),
});
export type ProviderStatus = z.infer<typeof ProviderStatusSchema>;

export const SetCredentialsSchema = z.strictObject({
  provider: z.enum(PROVIDER_IDS),
  clientId: z
    .string()
    .transform((value) => value.trim())
    .pipe(z.string().min(1, 'Enter the client id.').max(512)),
  /** A new secret; null removes it; absent keeps the stored one. */
  clientSecret: z.string().min(1).max(1024).nullable().optional(),
});

export const PageChoiceSchema = z.strictObject({
  pageId: z.string(),
  pageName: z.string(),
  instagramUserId: z.string(),
  instagramUsername: z.string().nullable(),
});

export type PageChoice = z.infer<typeof PageChoiceSchema>;

export const CONNECT_STAGES = [
  'waiting_for_browser',
  'exchanging',
  'choose_page',
  'saving',
  'connected',
  'failed',
  'cancelled',
] as const;
export type ConnectStage = (typeof CONNECT_STAGES)[number];

/** One sign-in as the renderer follows it (token-free: the URL carries only public parameters). */
export const ConnectSessionSchema = z.strictObject({
  connectId: z.string(),
  provider: z.enum(PROVIDER_IDS),
  /** The account being reconnected, or null for a new connection. */
  accountId: z.string().nullable(),
  stage: z.enum(CONNECT_STAGES),
  /** The sign-in page, so the UI can offer to open it again (serve mode opens it in a new tab). */
  authorizeUrl: z.string(),
  /** Set while the creator must pick a Facebook Page. */
  pages: z.array(PageChoiceSchema).nullable(),
  account: AccountSummarySchema.nullable(),
  error: z.strictObject({ code: z.enum(ERROR_CODES), message: z.string() }).nullable(),
  /** When the sign-in stops waiting (ISO time). */
  expiresAt: z.string(),
});
export type ConnectSession = z.infer<typeof ConnectSessionSchema>;

export const DisconnectResultSchema = z.strictObject({
  accountId: z.string(),
  /** What happened at the platform; the account is removed locally in every case. */
  revoke: z.enum(['revoked', 'failed', 'not_supported']),
  message: z.string(),
});
export type DisconnectResult = z.infer<typeof DisconnectResultSchema>;
