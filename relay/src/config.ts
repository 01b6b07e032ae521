import { RELAY_PROVIDERS, type RelayProvider } from './providers';

/** The relay's bindings (Workers `vars`/secrets, or the process environment when self-hosted). */
export interface RelayEnv {
  RELAY_INSTAGRAM_CLIENT_ID?: string;
  RELAY_INSTAGRAM_CLIENT_SECRET?: string;
  RELAY_FACEBOOK_CLIENT_ID?: string;
  RELAY_FACEBOOK_CLIENT_SECRET?: string;
  RELAY_TIKTOK_CLIENT_ID?: string;
  RELAY_TIKTOK_CLIENT_SECRET?: string;
  /** Tests and demo mode only: JSON `{ "https://real.origin": "http://127.0.0.1:port" }`. */
  RELAY_PLATFORM_ORIGINS?: string;
}

export interface RelayClient {
  id: string;
  secret: string;
}

export interface RelayConfig {
  clients: Partial<Record<RelayProvider, RelayClient>>;
  /** Every secret the relay holds, so no answer ever carries one. */
  secrets: readonly string[];
  /** Real origin → stand-in origin; empty in production. */
  origins: ReadonlyMap<string, string>;
}

/** A binding that makes the relay unsafe to run; it answers 500 relay_misconfigured. */
export class RelayConfigError extends Error {}

const parsed = new WeakMap<object, RelayConfig>();

/** Reads the bindings once per environment object (Workers hands the same one to every request). */
export function relayConfig(env: RelayEnv): RelayConfig {
  const known = parsed.get(env);
  if (known) return known;
  const clients: RelayConfig['clients'] = {};
  for (const provider of RELAY_PROVIDERS) {
    const name = provider.toUpperCase() as Uppercase<RelayProvider>;
    const id = env[`RELAY_${name}_CLIENT_ID`]?.trim();
    const secret = env[`RELAY_${name}_CLIENT_SECRET`]?.trim();
    if (id && secret) clients[provider] = { id, secret };
  }
  const config: RelayConfig = {
    clients,
    secrets: Object.values(clients).map((client) => client.secret),
    origins: parseOrigins(env.RELAY_PLATFORM_ORIGINS),
  };
  parsed.set(env, config);
  return config;
}

/**
 * The stand-in table may only point at this machine: a table that sent the publisher's secrets
 * to another host would be the worst misconfiguration possible, so it stops the relay instead.
 */
function parseOrigins(raw: string | undefined): Map<string, string> {
  const table = new Map<string, string>();
  if (!raw?.trim()) return table;
  let entries: unknown;
  try {
    entries = JSON.parse(raw);
  } catch {
    throw new RelayConfigError('RELAY_PLATFORM_ORIGINS is not JSON');
  }
  if (!entries || typeof entries !== 'object' || Array.isArray(entries))
    throw new RelayConfigError('RELAY_PLATFORM_ORIGINS must be an object');
  for (const [real, standIn] of Object.entries(entries)) {
    const target = typeof standIn === 'string' ? safeUrl(standIn) : null;
    if (!target || !['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname))
      throw new RelayConfigError('RELAY_PLATFORM_ORIGINS may only name loopback stand-ins');
    table.set(new URL(real).origin, target.origin);
  }
  return table;
}

function safeUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The URL actually called: the real one, or its stand-in when a test table names its origin. */
export function throughOrigins(url: URL, origins: ReadonlyMap<string, string>): URL {
  const standIn = origins.get(url.origin);
  return standIn ? new URL(`${url.pathname}${url.search}`, standIn) : url;
}
