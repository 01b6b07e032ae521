import { sha256Hex } from './sha256';
import { createBackupHandlers } from './api-backup';
import type { createConnectHandlers } from './api-connect';
import type { Handlers } from './dispatch';
import type { HealthService } from './health/health-service';
import type { MetricsServerState } from './health/metrics-endpoint';
import type { EventBus } from './event-bus';
import type { SettingsService } from './settings';
import type { VaultGate } from './vault/vault-gate';
import type { VersionInfo } from './version-info';

export interface ApiServices {
  mode: 'desktop' | 'serve' | 'demo';
  dataDir: string;
  version: VersionInfo;
  settings: SettingsService;
  events: EventBus;
  vault: VaultGate;
  health: HealthService;
  /** Whether the metrics server runs (its URL), and why not; known once the core has started. */
  metricsServer: () => MetricsServerState;
  /** Connecting, managing and disconnecting accounts (api-connect.ts). */
  connect: ReturnType<typeof createConnectHandlers>;
  /** Token health checks on demand (api-refresh.ts). */
  refresh: Pick<Handlers, 'accounts.check'>;
  /** Account alerts: the webhook's "send test" and signing secret (alerts/alerting.ts). */
  alerts: Pick<
    Handlers,
    'alerts.testWebhook' | 'alerts.webhookSecretStatus' | 'alerts.rollWebhookSecret'
  >;
  /** Tool keys for the local /v1 API (tools/tool-handlers.ts). */
  tools: Pick<Handlers, 'tools.create' | 'tools.list' | 'tools.revoke' | 'tools.installCommand'>;
  /** Settings → Plan (api-plan.ts). */
  plan: Pick<Handlers, 'plan.get' | 'plan.enterLicence' | 'plan.removeLicence'>;
  /** Account avatars kept in the data folder (api-avatars.ts). */
  avatars: Pick<Handlers, 'accounts.avatar'>;
}

/** The IPC contract's handlers, on top of the core's services. */
export function createApiHandlers(services: ApiServices): Handlers {
  return {
    'app.info': () => {
      const metrics = services.metricsServer();
      return {
        productName: services.version.productName,
        version: services.version.version,
        commit: services.version.commit,
        mode: services.mode,
        dataDir: services.dataDir,
        metricsUrl: metrics.url,
        metricsServer: metrics.server,
      };
    },
    'settings.get': () => services.settings.get(),
    'settings.update': (patch) => {
      const settings = services.settings.update(patch);
      services.events.emit('settings.changed', settings);
      return settings;
    },
    'vault.status': () => services.vault.status(),
    'vault.unlock': async ({ passphrase }) => {
      await services.vault.unlockWithPassphrase(passphrase);
      services.health.invalidate();
      const status = services.vault.status();
      services.events.emit('vault.changed', status);
      services.events.emit('accounts.changed', services.vault.require().accounts.list());
      return status;
    },
    'vault.changePassphrase': async ({ current, next, rotateKey }) => {
      await services.vault.changePassphrase({ current, next, rotateKey });
      services.health.invalidate();
      const status = services.vault.status();
      services.events.emit('vault.changed', status);
      return status;
    },
    'vault.rotateKey': async () => {
      await services.vault.require().rotateDataKey();
      return { rotatedAt: new Date().toISOString() };
    },
    ...createBackupHandlers(services),
    'accounts.list': () => services.vault.require().accounts.list(),
    'accounts.audit': ({ accountId, limit }) =>
      services.vault
        .require()
        .audit.forAccount(accountId, limit ?? 50)
        .map(({ action, outcome, detail, at }) => ({
          action,
          outcome,
          detail,
          at: new Date(at).toISOString(),
        })),
    ...services.connect,
    ...services.refresh,
    ...services.alerts,
    ...services.tools,
    ...services.plan,
    ...services.avatars,
    'health.get': () => services.health.detailed(),
    'metrics.setToken': ({ token }) => {
      // Only a hash is kept: the token lives in the creator's Prometheus config, not here.
      const metricsTokenSha256 = token === null ? null : sha256Hex(token);
      const settings = services.settings.update({ metricsTokenSha256 });
      services.events.emit('settings.changed', settings);
      return settings;
    },
  };
}
