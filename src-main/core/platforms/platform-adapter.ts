import type { ProviderId } from '../../../src-shared/platforms';
import type { ConnectedProfile, TokenSecrets, TokenSet } from '../vault/types';
import type { HttpFailure, PlatformError } from '../net/platform-error';
import type { PlatformHttp } from '../net/platform-http';
import type { ProviderDescriptor } from './platform-descriptor';

/** A developer app's credentials, from Settings, the environment or the build. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string | null;
  /**
   * The publisher's relay origin (platforms/relay.ts), when this app's secret lives there: only
   * for Meta and TikTok apps built into a published build. Token calls then go to the relay.
   */
  relay?: string | null;
}

/** One sign-in attempt: what the authorize URL carries and the code exchange must repeat. */
export interface ConnectAttempt {
  redirectUri: string;
  /** Single-use, high-entropy; checked by the loopback listener before the adapter sees anything. */
  state: string;
  /** PKCE verifier (RFC 7636); the adapter derives the challenge its platform wants. */
  codeVerifier: string;
}

export interface ExchangeResult {
  /** The tokens to store — for Instagram already the long-lived token. */
  tokens: TokenSet;
  /** Scopes the platform says were granted, or null when it does not say. */
  grantedScopes: string[] | null;
}

/** A Facebook Page with a linked Instagram professional account, for the creator to pick. */
export interface PageChoice {
  pageId: string;
  pageName: string;
  instagramUserId: string;
  instagramUsername: string | null;
}

export type ProfileStep =
  { kind: 'profile'; profile: ConnectedProfile } | { kind: 'choose_page'; pages: PageChoice[] };

export type RevokeOutcome =
  | { revoked: true }
  /** The platform has no revoke endpoint: where the creator removes access themselves. */
  | { revoked: false; where: string };

/** A platform's rate-limit headers as read from one answer (X's `x-rate-limit-*`). */
export interface RateLimitSnapshot {
  provider: ProviderId;
  /** The real path the limit applies to (X limits per endpoint). */
  path: string;
  limit: number | null;
  remaining: number | null;
  /** When the window resets (epoch ms). */
  resetAt: number | null;
}

/** What an adapter gets from the core: HTTP through the origin table, a clock, settings. */
export interface AdapterContext {
  http: PlatformHttp;
  now(): number;
  /** Graph API version for the Facebook path (a setting). */
  graphApiVersion(): string;
  /** Called with the rate-limit headers of each profile/probe answer that carries them. */
  onRateLimit?(snapshot: RateLimitSnapshot): void;
}

/**
 * One platform (one provider) behind one interface. Adapters build real platform URLs; the
 * context's HTTP client passes each through the origin table. Every failure is thrown as a
 * classified PlatformError. Nothing here stores anything: the connect flow and the refresher do.
 */
export interface PlatformAdapter {
  /** Everything else the core knows about this provider (its descriptor). */
  readonly provider: ProviderDescriptor;
  /** The loopback redirect path (`/callback`, or `/callback/` where the platform wants it). */
  readonly callbackPath: string;
  /** Scopes without which the connect is refused (the rest are welcome but optional). */
  readonly requiredScopes: readonly string[];

  /** The URL the system browser opens, already passed through the origin table. */
  authorizeUrl(attempt: ConnectAttempt, client: ClientCredentials): Promise<URL>;
  /** Granted scopes that only the redirect tells (TikTok's `scopes`); null when it says nothing. */
  scopesFromCallback(callback: URLSearchParams): string[] | null;
  /** Swaps the code (and, for Instagram, the short-lived token) for the tokens to keep. */
  exchangeCode(
    callback: URLSearchParams,
    attempt: ConnectAttempt,
    client: ClientCredentials,
  ): Promise<ExchangeResult>;
  /** One refresh (or, for Instagram, extension) with the stored secrets. */
  refresh(secrets: TokenSecrets, client: ClientCredentials): Promise<TokenSet>;
  revoke(secrets: TokenSecrets, client: ClientCredentials): Promise<RevokeOutcome>;
  /**
   * Who signed in; the Facebook path may ask the creator to pick a Page first. `grantedScopes`
   * (from the exchange, else the stored scopes) lets TikTok ask only for fields it may read.
   */
  profile(
    accessToken: string,
    client: ClientCredentials,
    grantedScopes?: readonly string[] | null,
  ): Promise<ProfileStep>;
  /** Facebook path only: the profile of the Instagram account linked to the chosen Page. */
  pageProfile?(
    accessToken: string,
    page: PageChoice,
    client: ClientCredentials,
  ): Promise<ConnectedProfile>;
  /** A cheap read with the current access token; never spends a refresh token. */
  probe(accessToken: string, client: ClientCredentials): Promise<void>;
  /** Turns a non-success answer into a classified error (exported for tests and the proxy). */
  classify(failure: HttpFailure): PlatformError;
}

export type AdapterFactory = (context: AdapterContext) => PlatformAdapter;

export type AdapterRegistry = Record<ProviderId, PlatformAdapter>;
