import { createAlertHub, hostAlertSink } from './alerts/alerts';
import { createApiHandlers } from './api';
import type { CoreConfig } from './config';
import { ensureDataDir } from './data-folder';
import { createDispatch, type Dispatch } from './dispatch';
import { createEventBus, type EventListener } from './event-bus';
import { metricsUrl, startHealthServer, type HealthServer } from './health/health-server';
import { createHealthService, type HealthService } from './health/health-service';
import { createMetrics, type Metrics } from './health/metrics';
import { createReachabilityMonitor } from './health/reachability-monitor';
import type { Host } from './host';
import { createLogger, type Logger } from './logger';
import { DEFAULT_ENDPOINTS } from './platforms/endpoints';
import { NO_SCHEDULER } from './refresh/scheduler-status';
import { createSettingsService } from './settings';
import { createVaultGate, type VaultGate } from './vault-gate';
import { builtVersionInfo, type VersionInfo } from './version-info';

export interface Core {
  /** Runs one contract call; both transports hand every request here. */
  dispatch: Dispatch;
  /** Hears every contract event; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  readonly version: VersionInfo;
  readonly vault: VaultGate;
  readonly health: HealthService;
  readonly metrics: Metrics;
  /** The /health and /metrics server, or null when disabled in Settings or its port was taken. */
  readonly healthServer: HealthServer | null;
  close(): Promise<void>;
}

export interface CoreOptions {
  log?: Logger;
  version?: VersionInfo;
  /** Injected clock (epoch ms) for tests. */
  now?: () => number;
}

/** How often health is re-evaluated in the background, so alerts fire without anyone asking. */
const HEALTH_WATCH_MS = 60_000;
/** The first background evaluation, soon after start-up, so the tray shows a real status early. */
const FIRST_HEALTH_CHECK_MS = 5_000;

/** Composition root: wires every service of the core for one host. Runs under plain Node. */
export async function createCore(
  config: CoreConfig,
  host: Host,
  options: CoreOptions = {},
): Promise<Core> {
  const log = options.log ?? createLogger();
  const version = options.version ?? builtVersionInfo();
  const now = options.now ?? Date.now;
  ensureDataDir(config.dataDir, { log, existing: 'keep' });
  const events = createEventBus();
  const settings = createSettingsService(host.settings, log);
  const vault = createVaultGate({
    dataDir: config.dataDir,
    keyProtector: host.keyProtector,
    log,
    now,
  });
  await vault.open();

  const metrics = createMetrics({ version, vault, now });
  const alerts = createAlertHub([hostAlertSink(host, () => settings.get().notificationsEnabled)]);
  const health = createHealthService({
    version,
    vault,
    keyProtector: host.keyProtector,
    scheduler: NO_SCHEDULER,
    reachability: createReachabilityMonitor({
      endpoints: config.endpoints ?? DEFAULT_ENDPOINTS,
      probeTimeoutMs: config.reachabilityTimeoutMs ?? 5_000,
      now,
    }),
    metrics,
    now,
    startedAt: now(),
    onEvaluated: (document) => {
      alerts.onHealth(document);
      events.emit('health.changed', document);
    },
  });

  const healthServer = await startHealthServerIfEnabled();
  const handlers = createApiHandlers({
    mode: host.mode,
    dataDir: config.dataDir,
    version,
    settings,
    events,
    vault,
    health,
    metricsUrl: healthServer ? metricsUrl(healthServer.port) : null,
  });
  const firstCheck = setTimeout(() => void health.detailed(), FIRST_HEALTH_CHECK_MS);
  const watch = setInterval(() => void health.detailed(), HEALTH_WATCH_MS);
  firstCheck.unref();
  watch.unref();

  async function startHealthServerIfEnabled(): Promise<HealthServer | null> {
    const current = settings.get();
    if (!current.metricsEnabled) return null;
    const port = config.metricsPort ?? current.metricsPort;
    try {
      return await startHealthServer({
        health,
        metrics,
        port,
        tokenSha256: () => settings.get().metricsTokenSha256,
        log,
      });
    } catch (error) {
      // A taken port must not stop the app from keeping tokens alive; say so and go on.
      log.warn(
        `health and metrics server not started on port ${port}: ${(error as Error).message}`,
      );
      return null;
    }
  }

  return {
    dispatch: createDispatch(handlers, log),
    subscribe: events.subscribe,
    version,
    vault,
    health,
    metrics,
    healthServer,
    close: async () => {
      clearTimeout(firstCheck);
      clearInterval(watch);
      await healthServer?.close();
      vault.close();
    },
  };
}
