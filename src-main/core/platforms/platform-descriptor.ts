import type { FixedPortProvider, PlatformId, ProviderId } from '../../../src-shared/platforms';
import type { Settings } from '../../../src-shared/settings';
import type { GrantFacts } from '../vault/account-extras';
import type { ClientCredentials } from './platform-adapter';

/**
 * The facts of one platform (PLATFORMS.md), whichever way it was connected: the modules above
 * (refresh/, usage/, tools/, health) read these instead of switching on the platform.
 */
export interface PlatformDescriptor {
  readonly id: PlatformId;
  /** What the creator sees (src-shared's PLATFORMS, which the renderer reads). */
  readonly displayName: string;
  /** A cheap URL on the API host for reachability probes (any HTTP answer means reachable). */
  readonly probeUrl: string;
  /**
   * The moments after which no refresh can save the account, each with why; the earliest known
   * one is the forecast. Refreshing moves most of them forward; some (Google Testing) it cannot.
   */
  reauthHorizon(facts: GrantFacts, policy: ForecastPolicy): ReauthCandidate[];
  /**
   * Whether reauthHorizon reads `facts.consentedAt` under this policy (finding it scans the
   * audit log, so only the platforms that need it pay); absent = never.
   */
  readsConsent?(policy: ForecastPolicy): boolean;
  /** What counts as a post and the cap Switchboard tracks; null = posts are not counted. */
  readonly posting: PostingRules | null;
  /** The rate-limit headers its API answers carry; null = none worth keeping. */
  readonly rateLimitHeaders: RateLimitHeaders | null;
  /** Where its profile pictures live (avatars/avatar-cache.ts fetches them, without a token). */
  readonly avatars: AvatarHosts;
}

/**
 * A platform's avatar CDN. `hosts` are anchored patterns on the URL's hostname: a CDN spreads over
 * many numbered hosts (scontent-lax3-1.cdninstagram.com), so an exact list cannot name them all;
 * each pattern ends in a domain the platform owns and allows only letters, digits and hyphens in
 * the labels before it, so no look-alike (…cdninstagram.com.evil.net) can match. `origins`: the
 * one host of each family that demo mode and the tests replace through the origin table.
 */
export interface AvatarHosts {
  readonly hosts: readonly RegExp[];
  readonly origins: readonly string[];
}

/** Settings a forecast depends on. */
export interface ForecastPolicy {
  googleTestingMode: boolean;
}

/** One possible end of a grant; `reauthBy` null = this end is not known for this account. */
export interface ReauthCandidate {
  reauthBy: number | null;
  /** Why, in words a creator can act on. */
  reason: string;
}

export interface PostingRules {
  /** POSTs to these (normalised, proxy-target.ts) paths publish a post that counts. */
  readonly publishPaths: readonly RegExp[];
  /** The daily cap Switchboard tracks, from Settings; absent = only the platform's own refusal. */
  dailyCap?(settings: Pick<Settings, 'tiktokDailyPostCap'>): number;
  /** The platform may answer 2xx with an error in the body: whether this answer is one. */
  failedDespiteSuccess?(body: string): boolean;
}

export type RateLimitHeaders =
  /**
   * `{prefix}-limit`, `-remaining`, `-reset` (epoch seconds) counters, kept under `name`, or
   * under the call's endpoint key when `name` is null (X limits per endpoint).
   */
  | { kind: 'counters'; sets: readonly { prefix: string; name: string | null }[] }
  /** JSON usage percentages (Meta's `X-App-Usage`), kept under `name` as limit 100. */
  | { kind: 'usage-percent'; headers: readonly { header: string; name: string }[] };

/** How a provider's tokens stay alive, which decides how a refresh is planned and guarded. */
export type RefreshStyle =
  /** Single-use refresh tokens: a replay after an unknown outcome can kill the family. */
  | { kind: 'rotating' }
  /**
   * A reusable refresh token. `exerciseEveryMs`: refresh at least this long after the last
   * refresh even when the access token is far from expiry (Google drops unused grants).
   */
  | { kind: 'non-rotating'; exerciseEveryMs?: number }
  /** No refresh token: the access token extends itself every `everyMs`, never before `minAgeMs`. */
  | { kind: 'extend'; minAgeMs: number; everyMs: number };

/** Where the loopback listener may listen, and what the creator registers with the platform. */
export type RedirectRule =
  /** Any port works; `register` is the redirect URI (or pattern) the console wants. */
  | { fixedPort: false; register: string }
  /** One exact registered URL: the port is a setting (Settings → Platforms). */
  | { fixedPort: true; portSetting: FixedPortProvider };

/**
 * What the proxy must refuse on an account's API origin: the platform's own token minting,
 * exchange, refresh and revocation. A token minted there would outlive the tool key (revoking the
 * key would not end it), and a revocation would end the account's grant behind the creator's
 * back. Matched on the normalised path (and Graph's parameters), ignoring case.
 */
export interface TokenGuard {
  /** Paths (after normalisation) that are refused whatever the method. */
  paths: readonly RegExp[];
  /** Parameters refused outright, in the query or a body (Graph's batch and method override). */
  params?: readonly string[];
  /** Field names a Graph `fields` list may not name, at any depth (`accounts{access_token}`). */
  fields?: readonly string[];
  /** Graph edges whose default fields include a token: only with explicit fields without it. */
  tokenEdges?: readonly string[];
  /** Whether the platform also reads parameters from a request body (Graph does). */
  bodyParams?: boolean;
}

/**
 * One way to connect (one OAuth app, one adapter): everything the core knows about it beside the
 * adapter's protocol code. Instagram has two providers sharing one PlatformDescriptor.
 */
export interface ProviderDescriptor {
  readonly id: ProviderId;
  /** What the connect button and Settings call it (src-shared's PROVIDERS). */
  readonly displayName: string;
  readonly platform: PlatformDescriptor;
  /** `SWITCHBOARD_<envName>_CLIENT_ID` / `_CLIENT_SECRET` (PLATFORMS.md). */
  readonly envName: string;
  /** Scopes requested at connect. */
  readonly scopes: readonly string[];
  /** Whether the token endpoint needs a client secret. */
  readonly needsSecret: boolean;
  readonly redirect: RedirectRule;
  /** Settings → Platforms' advice once credentials are complete; null = nothing to add. */
  hint(credentials: ClientCredentials): string | null;
  /** Every real origin its adapter talks to (PLATFORMS.md's origin table). */
  readonly origins: readonly string[];
  /** The real API origin a tool's proxied call goes to, and what it may not reach there. */
  readonly api: { readonly origin: string; readonly tokenGuard: TokenGuard };
  readonly refresh: RefreshStyle;
}
