import type { Handlers } from './dispatch';
import type { EventBus } from './event-bus';
import type { SettingsService } from './settings';
import type { VaultGate } from './vault-gate';
import type { VersionInfo } from './version-info';

export interface ApiServices {
  mode: 'desktop' | 'serve' | 'demo';
  dataDir: string;
  version: VersionInfo;
  settings: SettingsService;
  events: EventBus;
  vault: VaultGate;
}

/** The IPC contract's handlers, on top of the core's services. */
export function createApiHandlers(services: ApiServices): Handlers {
  return {
    'app.info': () => ({
      productName: services.version.productName,
      version: services.version.version,
      commit: services.version.commit,
      mode: services.mode,
      dataDir: services.dataDir,
    }),
    'settings.get': () => services.settings.get(),
    'settings.update': (patch) => {
      const settings = services.settings.update(patch);
      services.events.emit('settings.changed', settings);
      return settings;
    },
    'vault.status': () => services.vault.status(),
    'vault.unlock': async ({ passphrase }) => {
      await services.vault.unlockWithPassphrase(passphrase);
      const status = services.vault.status();
      services.events.emit('vault.changed', status);
      services.events.emit('accounts.changed', services.vault.require().accounts.list());
      return status;
    },
    'accounts.list': () => services.vault.require().accounts.list(),
  };
}
