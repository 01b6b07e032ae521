/**
 * What the relay may do for each provider: the grants it completes with the publisher's secret,
 * the parameters it accepts for each, and the one fixed platform URL each goes to. Nothing else
 * is reachable through the relay: it is not a proxy.
 */
export const RELAY_PROVIDERS = ['instagram', 'facebook', 'tiktok'] as const;
export type RelayProvider = (typeof RELAY_PROVIDERS)[number];

export function isRelayProvider(value: string): value is RelayProvider {
  return (RELAY_PROVIDERS as readonly string[]).includes(value);
}

/** The upstream call the relay makes for one grant: method, URL and form (POST) or query (GET). */
export interface UpstreamCall {
  method: 'GET' | 'POST';
  url: URL;
  form: URLSearchParams | null;
}

export interface GrantRule {
  /** Parameters the desktop must send (besides grant_type and the client id). */
  required: readonly string[];
  optional: readonly string[];
  build(params: Record<string, string>, client: { id: string; secret: string }): UpstreamCall;
}

export interface ProviderRule {
  /** The form field carrying the client id (TikTok calls it client_key). */
  clientIdField: 'client_id' | 'client_key';
  grants: Readonly<Record<string, GrantRule>>;
}

/** Graph API versions look like v27.0; anything else could change the path. */
const GRAPH_VERSION = /^v\d{1,3}\.\d{1,3}$/;

function graphVersion(params: Record<string, string>): string {
  const version = params.graph_version ?? '';
  if (!GRAPH_VERSION.test(version)) throw new RelayInputError('graph_version_invalid');
  return version;
}

function post(url: string, form: Record<string, string | undefined>): UpstreamCall {
  return { method: 'POST', url: new URL(url), form: definedOnly(form) };
}

function get(url: string, query: Record<string, string | undefined>): UpstreamCall {
  const target = new URL(url);
  for (const [name, value] of definedOnly(query)) target.searchParams.set(name, value);
  return { method: 'GET', url: target, form: null };
}

function definedOnly(fields: Record<string, string | undefined>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) out.set(name, value);
  return out;
}

/** A request the relay refuses because of what the desktop sent (answered 400 with the code). */
export class RelayInputError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

const TIKTOK_TOKEN = 'https://open.tiktokapis.com/v2/oauth/token/';

export const PROVIDER_RULES: Readonly<Record<RelayProvider, ProviderRule>> = {
  instagram: {
    clientIdField: 'client_id',
    grants: {
      authorization_code: {
        required: ['code', 'redirect_uri'],
        optional: ['code_verifier'],
        build: (p, client) =>
          post('https://api.instagram.com/oauth/access_token', {
            client_id: client.id,
            client_secret: client.secret,
            grant_type: 'authorization_code',
            redirect_uri: p.redirect_uri,
            code: p.code,
            code_verifier: p.code_verifier,
          }),
      },
      // The short-lived token from the code swapped for the 60-day one (needs the secret).
      ig_exchange_token: {
        required: ['access_token'],
        optional: [],
        build: (p, client) =>
          get('https://graph.instagram.com/access_token', {
            grant_type: 'ig_exchange_token',
            client_secret: client.secret,
            access_token: p.access_token,
          }),
      },
    },
  },
  facebook: {
    clientIdField: 'client_id',
    grants: {
      authorization_code: {
        required: ['code', 'redirect_uri', 'graph_version'],
        optional: ['code_verifier'],
        build: (p, client) =>
          get(`https://graph.facebook.com/${graphVersion(p)}/oauth/access_token`, {
            client_id: client.id,
            client_secret: client.secret,
            redirect_uri: p.redirect_uri,
            code: p.code,
            code_verifier: p.code_verifier,
          }),
      },
      fb_exchange_token: {
        required: ['fb_exchange_token', 'graph_version'],
        optional: [],
        build: (p, client) =>
          get(`https://graph.facebook.com/${graphVersion(p)}/oauth/access_token`, {
            grant_type: 'fb_exchange_token',
            client_id: client.id,
            client_secret: client.secret,
            fb_exchange_token: p.fb_exchange_token,
          }),
      },
    },
  },
  tiktok: {
    clientIdField: 'client_key',
    grants: {
      authorization_code: {
        required: ['code', 'redirect_uri'],
        optional: ['code_verifier'],
        build: (p, client) =>
          post(TIKTOK_TOKEN, {
            client_key: client.id,
            client_secret: client.secret,
            grant_type: 'authorization_code',
            code: p.code,
            redirect_uri: p.redirect_uri,
            code_verifier: p.code_verifier,
          }),
      },
      refresh_token: {
        required: ['refresh_token'],
        optional: [],
        build: (p, client) =>
          post(TIKTOK_TOKEN, {
            client_key: client.id,
            client_secret: client.secret,
            grant_type: 'refresh_token',
            refresh_token: p.refresh_token,
          }),
      },
      // Not an OAuth grant: the relay's name for TikTok's revoke call, which needs the secret too.
      revoke: {
        required: ['token'],
        optional: [],
        build: (p, client) =>
          post('https://open.tiktokapis.com/v2/oauth/revoke/', {
            client_key: client.id,
            client_secret: client.secret,
            token: p.token,
          }),
      },
    },
  },
};
