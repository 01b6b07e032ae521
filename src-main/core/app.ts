import { followLaunchAtLogin } from './launch-at-login';
import { createAccountAlerting, rendererAlertSink } from './alerts/alerting';
import { createAlertHub, hostAlertSink } from './alerts/alerts';
import { createApiHandlers } from './api';
import { createRefreshHandlers } from './api-refresh';
import { createConnectHandlers } from './api-connect';
import { createPlanHandlers } from './api-plan';
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
import { createConnectService, type ConnectService } from './oauth/connect-service';
import { createAdapterRegistry } from './platforms/adapter-registry';
import { createCredentialsResolver } from './platforms/credentials';
import { createOriginTable } from './platforms/origin-table';
import { createPlatformHttp } from './platforms/platform-http';
import { createTransitionBus, type TransitionBus } from './refresh/account-transitions';
import { createKeepAlive, type KeepAlive } from './refresh/keep-alive';
import { schedulerClockFor, type SchedulerClock } from './refresh/scheduler-clock';
import { createUsageLimits, type UsageLimits } from './usage/usage-limits';
import { createSettingsService } from './settings';
import { createTools } from './tools/tools';
import { createVaultGate, type VaultGate } from './vault-gate';
import { builtVersionInfo, type VersionInfo } from './version-info';
import { PROVIDERS } from '../../src-shared/platforms';
import type { LicenceKeyRing } from './plans/licence-key';
import { fileLicenceStore } from './plans/licence-store';
import { createPlanService, type PlanService } from './plans/plan-service';
import { builtInLicenceKeys, builtInPlansUrl } from './plans/public-keys';

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
  readonly connect: ConnectService;
  /** Refresh scheduler, TokenKeeper and token checks. */
  readonly keepAlive: KeepAlive;
  /** Every account status change is published here after it is stored. */
  readonly transitions: TransitionBus;
  /** Posts and rate limits per account, for the local proxy. */
  readonly usage: UsageLimits;
  /** Account alerts: anti-flap, webhook, re-auth forecast checks. */
  readonly alerting: ReturnType<typeof createAccountAlerting>;
  /** The plan in force, derived from the verified licence key. */
  readonly plans: PlanService;
  close(): Promise<void>;
}

export interface CoreOptions {
  log?: Logger;
  version?: VersionInfo;
  /** Injected clock (epoch ms) for tests. */
  now?: () => number;
  /** Injected timers for the refresh scheduler (tests drive sleep and clock jumps). */
  schedulerClock?: SchedulerClock;
  /** Licence public keys to trust instead of the built-in ones (tests' throwaway pairs). */
  licenceKeys?: LicenceKeyRing;
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
  const plans = createPlanService({
    store: fileLicenceStore(config.dataDir),
    keys: options.licenceKeys ?? builtInLicenceKeys(),
    now,
    accounts: () => vault.current()?.accounts ?? null,
    storeUrl: builtInPlansUrl(),
  });
  const vault = createVaultGate({
    dataDir: config.dataDir,
    keyProtector: host.keyProtector,
    log,
    now,
    // The summaries' forecast and usage follow Settings (TikTok cap, Google Testing mode).
    summaryPolicy: () => settings.get(),
    planLimit: (platform) => plans.limit(platform),
  });
  await vault.open();

  const origins = config.origins ?? createOriginTable();
  const metrics = createMetrics({ version, vault, now });
  const alerts = createAlertHub([
    hostAlertSink(host, () => settings.get().notificationsEnabled),
    rendererAlertSink(events),
  ]);
  const transitions = createTransitionBus();
  const reachability = createReachabilityMonitor({
    probeUrl: (platform) => origins.url(DEFAULT_ENDPOINTS[platform].apiProbe).toString(),
    probeTimeoutMs: config.reachabilityTimeoutMs ?? 5_000,
    now,
  });
  const health = createHealthService({
    version,
    vault,
    keyProtector: host.keyProtector,
    // Read at evaluation time: the scheduler is created below, once adapters exist.
    scheduler: { status: () => keepAlive.scheduler.status() },
    reachability,
    metrics,
    now,
    startedAt: now(),
    onEvaluated: (document) => {
      alerts.onHealth(document);
      events.emit('health.changed', document);
    },
  });

  const alerting = createAccountAlerting({
    transitions,
    hub: alerts,
    settings,
    vault,
    log,
    now,
    // The tray follows at once instead of at the next background evaluation.
    onAlert: () => {
      health.invalidate();
      void health.detailed();
    },
  });
  const accountsChanged = () => {
    const open = vault.current();
    if (open) events.emit('accounts.changed', open.accounts.list());
  };
  const usage = createUsageLimits({ vault, settings, now, onChange: accountsChanged });

  const adapters = createAdapterRegistry((provider) => ({
    http: createPlatformHttp({
      platform: PROVIDERS[provider].platform,
      origins,
      record: (path, status) =>
        metrics.recordPlatformRequest(PROVIDERS[provider].platform, path, status),
    }),
    now,
    graphApiVersion: () => settings.get().graphApiVersion,
    onRateLimit: (snapshot) => connect.noteRateLimit(snapshot),
  }));
  const credentials = createCredentialsResolver({
    vault: () => vault.current(),
    ...(config.env ? { env: config.env } : {}),
  });
  const connect = createConnectService({
    vault,
    adapters,
    credentials,
    settings,
    host,
    events,
    metrics,
    log,
    now,
    ...(config.connectTimeoutMs ? { timeoutMs: config.connectTimeoutMs } : {}),
  });
  // Tokens of sign-ins a crash interrupted are revoked and removed, never left valid and unknown.
  void connect
    .recoverPending()
    .catch((error: unknown) => log.error('pending sign-in clean-up failed', error));

  const keepAlive = createKeepAlive({
    vault,
    adapters,
    credentials,
    settings,
    metrics,
    transitions,
    clock: options.schedulerClock ?? schedulerClockFor(now),
    accountsChanged: () => {
      const open = vault.current();
      if (open) events.emit('accounts.changed', open.accounts.list());
    },
    offline: () => reachability.offline(),
    log,
  });
  // Connects, disconnects and unlocks change what is due; a wake-up makes overdue work due now.
  events.subscribe((message) => {
    if (message.event === 'accounts.changed') keepAlive.scheduler.replan();
  });
  const stopResume = host.onResume?.(() => keepAlive.scheduler.resume());
  const stopLoginItem = followLaunchAtLogin(host, settings, events);
  keepAlive.start();

  const tools = createTools({
    vault,
    keeper: keepAlive.keeper,
    origins,
    usage,
    metrics,
    log,
    now,
    ...(config.proxyTimeoutMs ? { upstreamTimeoutMs: config.proxyTimeoutMs } : {}),
  });

  /** Why the metrics server is not running although Settings asked for it, for app.info. */
  let metricsFailure = null as { port: number; reason: string } | null;
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
    metricsServer: healthServer
      ? { state: 'on', port: healthServer.port, reason: null }
      : metricsFailure
        ? { state: 'failed', ...metricsFailure }
        : { state: 'off', port: null, reason: null },
    alerts: alerting.handlers,
    tools: tools.handlers,
    refresh: createRefreshHandlers({ vault, checks: keepAlive.checks }),
    connect: createConnectHandlers({
      vault,
      connect,
      adapters,
      credentials,
      settings,
      events,
      log,
      plans,
    }),
    plan: createPlanHandlers({ plans, events, log }),
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
        tools: tools.api,
      });
    } catch (error) {
      // A taken port must not stop the app from keeping tokens alive; say so and go on.
      const code = (error as NodeJS.ErrnoException).code;
      metricsFailure = {
        port,
        reason:
          code === 'EADDRINUSE'
            ? `Port ${port} is taken by another program; choose another port in Settings and restart Switchboard.`
            : `It could not listen on port ${port} (${code ?? (error as Error).message}).`,
      };
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
    connect,
    keepAlive,
    transitions,
    usage,
    alerting,
    plans,
    close: async () => {
      alerting.close();
      clearTimeout(firstCheck);
      clearInterval(watch);
      stopResume?.();
      stopLoginItem();
      await keepAlive.close();
      await connect.close();
      await healthServer?.close();
      vault.close();
    },
  };
}
