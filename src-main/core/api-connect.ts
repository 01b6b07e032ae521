import type { DisconnectResult } from '../../src-shared/connect';
import { AppError, isAppError } from '../../src-shared/errors';
import { PROVIDER_IDS, PROVIDERS, type PlatformId } from '../../src-shared/platforms';
import type { Handlers } from './dispatch';
import type { EventBus } from './event-bus';
import type { Logger } from './logger';
import type { ConnectService } from './connect/connect-service';
import type { CredentialsResolver } from './platforms/credentials';
import type { AdapterRegistry } from './platforms/platform-adapter';
import type { SettingsService } from './settings';
import type { VaultGate } from './vault/vault-gate';
import { withTimeout } from './with-timeout';

/** How long a disconnect waits for the platform's revoke before removing the account anyway. */
const DISCONNECT_REVOKE_MS = 10_000;

export interface ConnectApiServices {
  vault: VaultGate;
  connect: ConnectService;
  adapters: AdapterRegistry;
  credentials: CredentialsResolver;
  settings: SettingsService;
  events: EventBus;
  log: Logger;
  /** Refuses a new connect at the plan's limit before any consent page opens. */
  plans?: { assertRoom(platform: PlatformId): void };
}

type ConnectChannels =
  | 'accounts.connect'
  | 'accounts.cancelConnect'
  | 'accounts.choosePage'
  | 'accounts.connections'
  | 'accounts.rename'
  | 'accounts.disconnect'
  | 'platforms.list'
  | 'platforms.setCredentials'
  | 'platforms.clearCredentials';

/** The handlers for connecting, managing and disconnecting accounts, and Settings → Platforms. */
export function createConnectHandlers(
  services: ConnectApiServices,
): Pick<Handlers, ConnectChannels> {
  const { vault, connect, events, credentials, settings } = services;
  const accountsChanged = () => events.emit('accounts.changed', vault.require().accounts.list());

  const disconnect = async (accountId: string): Promise<DisconnectResult> => {
    const open = vault.require();
    const account = open.accounts.get(accountId);
    if (!account) throw new AppError('account_not_found');
    const result = await revokeAtPlatform(services, accountId, account.provider);
    // Removed locally whatever the platform answered: the creator asked for it to be gone.
    open.accounts.remove(accountId);
    accountsChanged();
    return result;
  };

  return {
    'accounts.connect': ({ provider, accountId }) => {
      // A reconnect never counts against the limit; a new account at the limit wastes no consent.
      if (accountId === undefined) services.plans?.assertRoom(PROVIDERS[provider].platform);
      return connect.start(provider, accountId);
    },
    'accounts.cancelConnect': ({ connectId }) => connect.cancel(connectId),
    'accounts.choosePage': ({ connectId, pageId }) => connect.choosePage(connectId, pageId),
    'accounts.connections': () => connect.list(),
    'accounts.rename': ({ accountId, label }) => {
      const renamed = vault.require().accounts.rename(accountId, label);
      accountsChanged();
      return renamed;
    },
    'accounts.disconnect': ({ accountId }) => disconnect(accountId),
    'platforms.list': () => PROVIDER_IDS.map((id) => credentials.status(id, settings.get())),
    'platforms.setCredentials': ({ provider, clientId, clientSecret }) => {
      const store = vault.require().credentials;
      // Absent keeps the stored secret: the form never shows it, so it cannot send it back.
      const secret =
        clientSecret === undefined ? (store.get(provider)?.clientSecret ?? null) : clientSecret;
      store.set(provider, { clientId, clientSecret: secret });
      return credentials.status(provider, settings.get());
    },
    'platforms.clearCredentials': ({ provider }) => {
      vault.require().credentials.remove(provider);
      return credentials.status(provider, settings.get());
    },
  };
}

async function revokeAtPlatform(
  services: ConnectApiServices,
  accountId: string,
  provider: keyof AdapterRegistry,
): Promise<DisconnectResult> {
  const name = PROVIDERS[provider].displayName;
  const client = services.credentials.resolve(provider);
  if (!client) {
    return {
      accountId,
      revoke: 'failed',
      message: `Removed from Switchboard. ${name} has no credentials configured, so access could not be revoked there; remove Switchboard in your ${name} account settings.`,
    };
  }
  try {
    const secrets = services.vault.require().tokens.readSecrets(accountId);
    const outcome = await withTimeout(
      services.adapters[provider].revoke(secrets, client),
      DISCONNECT_REVOKE_MS,
      'platform_unreachable',
      `${name} did not answer the revoke in time.`,
    );
    if (outcome.revoked)
      return { accountId, revoke: 'revoked', message: `Removed, and access revoked at ${name}.` };
    return {
      accountId,
      revoke: 'not_supported',
      message: `Removed from Switchboard. ${name} offers no way for apps to revoke access; remove it yourself in ${outcome.where}.`,
    };
  } catch (error) {
    const reason = isAppError(error) ? error.message : 'an unexpected error';
    if (!isAppError(error)) services.log.error(`revoke for ${provider} failed`, error);
    return {
      accountId,
      revoke: 'failed',
      message: `Removed from Switchboard, but ${name} could not revoke access (${reason}). Remove Switchboard in your ${name} account settings to be sure.`,
    };
  }
}
