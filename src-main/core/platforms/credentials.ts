import type { CredentialSource, ProviderStatus } from '../../../src-shared/connect';
import { PROVIDERS, type ProviderId } from '../../../src-shared/platforms';
import type { Settings } from '../../../src-shared/settings';
import type { Vault } from '../vault/vault';
import { builtInApp, builtInCredentials, type BuildCredentials } from './build-credentials';
import type { ClientCredentials } from './platform-adapter';
import { relayHint, relayStatus } from './relay';

export interface ResolvedCredentials extends ClientCredentials {
  source: CredentialSource;
}

export { builtInCredentials, type BuildCredentials } from './build-credentials';

/**
 * Which developer app each provider uses: Settings (the vault) first, then the environment
 * (`SWITCHBOARD_<P>_CLIENT_ID` / `_CLIENT_SECRET`), then what a publisher built in.
 */
export function createCredentialsResolver(options: {
  vault: () => Vault | null;
  env?: NodeJS.ProcessEnv;
  builtIn?: BuildCredentials;
}) {
  const env = options.env ?? process.env;
  const builtIn = options.builtIn ?? builtInCredentials();

  const fromEnvironment = (provider: ProviderId): ClientCredentials | null => {
    const name = PROVIDERS[provider].envName;
    const clientId = env[`SWITCHBOARD_${name}_CLIENT_ID`]?.trim();
    if (!clientId) return null;
    return { clientId, clientSecret: env[`SWITCHBOARD_${name}_CLIENT_SECRET`]?.trim() || null };
  };

  const resolve = (provider: ProviderId): ResolvedCredentials | null => {
    const stored = options.vault()?.credentials.get(provider);
    if (stored) return { ...stored, source: 'settings' };
    const environment = fromEnvironment(provider);
    if (environment) return { ...environment, source: 'environment' };
    const built = builtInApp(builtIn, provider);
    return built ? { ...built, source: 'build' } : null;
  };

  return {
    resolve,
    /** What Settings → Platforms shows for one provider: never the secret itself. */
    status(provider: ProviderId, settings: Settings): ProviderStatus {
      const info = PROVIDERS[provider];
      const credentials = resolve(provider);
      const port = fixedRedirectPort(settings, provider);
      return {
        id: provider,
        platform: info.platform,
        displayName: info.displayName,
        configured:
          credentials !== null &&
          (!info.needsSecret || !!credentials.clientSecret || !!credentials.relay),
        source: credentials?.source ?? null,
        clientId: credentials?.clientId ?? null,
        hasSecret: !!credentials?.clientSecret,
        needsSecret: info.needsSecret,
        redirectUri: redirectUriToRegister(provider, port),
        fixedPort: info.fixedPort,
        port,
        hint: relayHint(credentials) ?? hintFor(provider, credentials),
        ...relayStatus(credentials),
      };
    },
  };
}

export type CredentialsResolver = ReturnType<typeof createCredentialsResolver>;

/** The registered port of a provider whose redirect URI names one, else null (any port works). */
export function fixedRedirectPort(settings: Settings, provider: ProviderId): number | null {
  return provider === 'youtube' || provider === 'tiktok' ? null : settings.redirectPorts[provider];
}

/** The redirect URI a creator registers in the platform's developer console. */
export function redirectUriToRegister(provider: ProviderId, port: number | null): string {
  if (provider === 'tiktok') return 'http://127.0.0.1:*/callback/';
  if (provider === 'youtube') return 'http://127.0.0.1';
  return `http://127.0.0.1:${port}/callback`;
}

function hintFor(provider: ProviderId, credentials: ResolvedCredentials | null): string | null {
  const info = PROVIDERS[provider];
  if (!credentials) {
    return `Create a ${info.displayName} developer app, register the redirect URI below, then enter its client id${info.needsSecret ? ' and secret' : ''} here (or set SWITCHBOARD_${info.envName}_CLIENT_ID).`;
  }
  if (info.needsSecret && !credentials.clientSecret)
    return `${info.displayName} needs the app's client secret as well.`;
  if (provider === 'instagram' || provider === 'facebook')
    return 'Meta accepts an http://127.0.0.1 redirect only while the Meta app is in development mode.';
  if (provider === 'youtube')
    return 'Use a Google OAuth client of type "Desktop app": it accepts any port on http://127.0.0.1.';
  if (provider === 'x' && credentials.clientSecret)
    return 'A client secret is set, so Switchboard signs in as a confidential client (HTTP Basic).';
  return null;
}
