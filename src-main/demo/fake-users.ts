/** A developer app registered with a fake platform. */
export interface FakeClient {
  clientId: string;
  /** null: a public client (X "Native App"), which must not authenticate with a secret. */
  clientSecret: string | null;
  /** Registered redirect URIs (TikTok: patterns with `*` as the port). */
  redirectUris: string[];
}

/** An Instagram professional account linked to a Facebook Page. */
export interface FakeInstagramAccount {
  id: string;
  username: string;
  name: string;
  followers: number;
  mediaCount: number;
  avatarUrl: string;
}

export interface FakePage {
  id: string;
  name: string;
  /** The linked Instagram professional account; a Page without one omits it. */
  instagram?: FakeInstagramAccount;
}

/** Someone who can sign in on a fake platform; the flags switch on account problems. */
export interface FakeUser {
  /** The platform's user id (channel id, open_id, IG user id…). */
  id: string;
  name: string;
  /** Without the @. */
  handle: string;
  followers: number;
  following?: number;
  /** Videos, media or posts. */
  posts?: number;
  avatarUrl?: string;
  verified?: boolean;
  /** Google account without a YouTube channel: channels.list answers `items: []`. */
  noChannel?: boolean;
  /** YouTube channel hiding its subscriber count. */
  hiddenSubscribers?: boolean;
  /** Instagram Login's professional type (default MEDIA_CREATOR). */
  instagramAccountType?: 'BUSINESS' | 'MEDIA_CREATOR';
  /** Instagram `account_type: PERSONAL` (not a professional account). */
  personalAccount?: boolean;
  /** X: `/2/users/me` answers 403; YouTube: `authenticatedUserAccountSuspended`. */
  suspended?: boolean;
  /** TikTok: the consent ends in `error=access_denied` saying the account is not eligible. */
  ineligible?: boolean;
  /** Facebook: the Pages this user manages. */
  pages?: FakePage[];
}

/** The options every fake platform takes. */
export interface FakePlatformOptions {
  clients?: FakeClient[];
  users?: FakeUser[];
  /** Epoch ms; inject a mutable clock to expire codes and tokens without waiting. */
  now?: () => number;
  /** Demo mode: where this platform keeps its sign-ins between runs; none: it forgets them. */
  stateFile?: string;
}

/** A clock tests can move: `advance(31_000)` makes an X code stale. */
export function fakeClock(start = Date.UTC(2026, 10, 25, 12)) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
    set(ms: number) {
      current = ms;
    },
  };
}

export function cloneUsers(users: readonly FakeUser[]): FakeUser[] {
  return structuredClone([...users]) as FakeUser[];
}
