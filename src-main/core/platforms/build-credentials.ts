import { z } from 'zod';
import { PROVIDER_IDS, type ProviderId } from '../../../src-shared/platforms';
import type { ClientCredentials } from './platform-adapter';
import { mayUseRelay, parseRelayUrl } from './relay';

// Inlined by scripts/build-main.mjs from SWITCHBOARD_BUILD_CREDENTIALS (after
// scripts/build-credentials.mjs checked it) when a publisher embeds their developer apps in a
// build; absent in development and tests.
declare const __SWITCHBOARD_BUILD_CREDENTIALS__: string | undefined;

const AppSchema = z.strictObject({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).nullable().optional(),
});

/** What a publisher built in: client ids by provider, and the relay holding Meta's and TikTok's secrets. */
export interface BuildCredentials {
  /** The relay's origin (https; http only on 127.0.0.1), or null when the build names none. */
  relay?: string | null;
  apps: Partial<Record<ProviderId, { clientId: string; clientSecret?: string | null }>>;
}

const AppsSchema = z.partialRecord(z.enum(PROVIDER_IDS), AppSchema);

/** Reads the embedded JSON: `{ "relay": "https://…", "<provider>": { "clientId": … } }`. */
export function parseBuildCredentials(json: string): BuildCredentials {
  const raw: unknown = JSON.parse(json);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new Error('The built-in credentials are not a JSON object.');
  const { relay, ...apps } = raw as Record<string, unknown>;
  const origin = typeof relay === 'string' ? parseRelayUrl(relay) : null;
  if (relay !== undefined && !origin) throw new Error('The built-in relay URL is not usable.');
  return { relay: origin, apps: AppsSchema.parse(apps) };
}

/** The credentials embedded at build time (none when none were). */
export function builtInCredentials(): BuildCredentials {
  if (typeof __SWITCHBOARD_BUILD_CREDENTIALS__ !== 'string') return { apps: {} };
  return parseBuildCredentials(__SWITCHBOARD_BUILD_CREDENTIALS__);
}

/**
 * One provider's built-in app as the adapters use it. A Meta or TikTok app goes through the
 * build's relay and never with a built-in secret (the build script refuses one; this ignores
 * one that got past it); any other provider ignores the relay.
 */
export function builtInApp(
  built: BuildCredentials,
  provider: ProviderId,
): ClientCredentials | null {
  const app = built.apps[provider];
  if (!app) return null;
  if (!mayUseRelay(provider))
    return { clientId: app.clientId, clientSecret: app.clientSecret ?? null };
  return { clientId: app.clientId, clientSecret: null, relay: built.relay ?? null };
}
