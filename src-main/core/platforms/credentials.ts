import type { CredentialSource, ProviderStatus } from '../../../src-shared/connect';
import type { ProviderId } from '../../../src-shared/platforms';
import type { Settings } from '../../../src-shared/settings';
import type { Vault } from '../vault/vault';
import { DESCRIPTORS } from './descriptors';
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
    const name = DESCRIPTORS[provider].envName;
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
      const info = DESCRIPTORS[provider];
      const credentials = resolve(provider);
      const port = fixedRedirectPort(settings, provider);
      return {
        id: provider,
        platform: info.platform.id,
        displayName: info.displayName,
        configured:
          credentials !== null &&
          (!info.needsSecret || !!credentials.clientSecret || !!credentials.relay),
        source: credentials?.source ?? null,
        clientId: credentials?.clientId ?? null,
        hasSecret: !!credentials?.clientSecret,
        needsSecret: info.needsSecret,
        redirectUri: redirectUriToRegister(provider, port),
        fixedPort: info.redirect.fixedPort,
        port,
        hint: relayHint(credentials) ?? hintFor(provider, credentials),
        ...relayStatus(credentials),
        scopes: [...info.scopes],
      };
    },
  };
}

export type CredentialsResolver = ReturnType<typeof createCredentialsResolver>;

/** The registered port of a provider whose redirect URI names one, else null (any port works). */
export function fixedRedirectPort(settings: Settings, provider: ProviderId): number | null {
  const rule = DESCRIPTORS[provider].redirect;
  return rule.fixedPort ? settings.redirectPorts[rule.portSetting] : null;
}

/** The redirect URI a creator registers in the platform's developer console. */
export function redirectUriToRegister(provider: ProviderId, port: number | null): string {
  const rule = DESCRIPTORS[provider].redirect;
  return rule.fixedPort ? `http://127.0.0.1:${port}/callback` : rule.register;
}

function hintFor(provider: ProviderId, credentials: ResolvedCredentials | null): string | null {
  const info = DESCRIPTORS[provider];
  if (!credentials) {
    return `Create a ${info.displayName} developer app, register the redirect URI below, then enter its client id${info.needsSecret ? ' and secret' : ''} here (or set SWITCHBOARD_${info.envName}_CLIENT_ID).`;
  }
  if (info.needsSecret && !credentials.clientSecret)
    return `${info.displayName} needs the app's client secret as well.`;
  return info.hint(credentials);
}
