import { PROVIDERS } from '../../src-shared/platforms';
import { createAccountAlerting, rendererAlertSink, type AccountAlerting } from './alerts/alerting';
import { createAlertHub, hostAlertSink } from './alerts/alerts';
import { createApiHandlers } from './api';
import { createConnectHandlers, type ConnectApiServices } from './api-connect';
import { createRefreshHandlers } from './api-refresh';
import type { CoreConfig } from './config';
import { createConnectService, type ConnectService } from './connect/connect-service';
import { createDispatch, type Dispatch } from './dispatch';
import { createEventBus, type EventBus } from './event-bus';
import { createHealthService, type HealthService } from './health/health-service';
import { createMetricsEndpoint, type MetricsEndpoint } from './health/metrics-endpoint';
import { createMetrics, type Metrics } from './health/metrics';
import { createReachabilityMonitor } from './health/reachability-monitor';
import type { Host } from './host';
import type { Logger } from './logger';
import { createOriginTable, type OriginTable } from './net/origin-table';
import { createPlatformHttp } from './net/platform-http';
import { createAdapterRegistry } from './platforms/adapter-registry';
import { createCredentialsResolver } from './platforms/credentials';
import { DEFAULT_ENDPOINTS } from './platforms/endpoints';
import type { RateLimitSnapshot } from './platforms/platform-adapter';
import { createTransitionBus, type TransitionBus } from './refresh/account-transitions';
import { createKeepAlive, type KeepAlive } from './refresh/keep-alive';
import type { SchedulerClock } from './refresh/scheduler-clock';
import { createSettingsService, type SettingsService } from './settings';
import { createTools } from './tools/tools';
import { createSummaryPolicy } from './usage/summary-policy';
import { createUsageLimits, type UsageLimits } from './usage/usage-limits';
import { createVaultGate, type VaultGate } from './vault/vault-gate';
import type { VersionInfo } from './version-info';

/** What only the composition root decides: the logger, version, clocks. */
export interface BuildContext {
  log: Logger;
  version: VersionInfo;
  now: () => number;
  schedulerClock: SchedulerClock;
}

/** Every service of the core, built and wired but not started: no I/O, no timers, no port. */
export interface CoreServices {
  settings: SettingsService;
  events: EventBus;
  vault: VaultGate;
  metrics: Metrics;
  health: HealthService;
  transitions: TransitionBus;
  /** Account alerts: anti-flap, webhook, re-auth forecast checks. */
  alerting: AccountAlerting;
  /** Posts and rate limits per account, for the local proxy. */
  usage: UsageLimits;
  connect: ConnectService;
  /** Refresh scheduler, TokenKeeper and token checks. */
  keepAlive: KeepAlive;
  metricsEndpoint: MetricsEndpoint;
  dispatch: Dispatch;
}

/** Builds every service in dependency order: each line uses only what the lines above made. */
export function buildCoreServices(
  config: CoreConfig,
  host: Host,
  context: BuildContext,
): CoreServices {
  const { log, version, now } = context;
  const events = createEventBus();
  const settings = createSettingsService(host.settings, log);
  // The summaries' (and /metrics') forecast and usage follow Settings (TikTok cap, Testing mode).
  const summaryPolicy = createSummaryPolicy(() => settings.get());
  const vault = createVaultGate({
    dataDir: config.dataDir,
    keyProtector: host.keyProtector,
    log,
    now,
    summaryPolicy,
    auditRetentionDays: () => settings.get().auditRetentionDays,
  });
  const accountsChanged = () => {
    const open = vault.current();
    if (open) events.emit('accounts.changed', open.accounts.list());
  };
  const metrics = createMetrics({ version, vault, now, summaryPolicy });
  const transitions = createTransitionBus();
  const platforms = buildPlatforms(config, { settings, vault, metrics, now });
  const { origins, adapters, credentials, reachability } = platforms;
  const keepAlive = createKeepAlive({
    vault,
    adapters,
    credentials,
    settings,
    metrics,
    transitions,
    clock: context.schedulerClock,
    accountsChanged,
    offline: () => reachability.offline(),
    log,
  });
  const shared = { host, events, settings, vault, metrics, log, now };
  const { health, alerting } = buildWatch({
    ...shared,
    version,
    transitions,
    keepAlive,
    reachability,
  });
  const usage = createUsageLimits({ vault, settings, now, onChange: accountsChanged });
  const connect = createConnectService({
    ...shared,
    adapters,
    credentials,
    ...(config.connectTimeoutMs ? { timeoutMs: config.connectTimeoutMs } : {}),
  });
  // Rate limits seen while connecting belong to that sign-in.
  platforms.rateLimits.listen((snapshot) => connect.noteRateLimit(snapshot));
  const { metricsEndpoint, dispatch } = buildServing(config, host, {
    ...shared,
    version,
    health,
    alerting,
    usage,
    keepAlive,
    connect,
    adapters,
    credentials,
    origins,
  });
  return {
    ...{ settings, events, vault, metrics, health, transitions, alerting, usage, connect },
    ...{ keepAlive, metricsEndpoint, dispatch },
  };
}

/**
 * What the core serves: the tool API (/v1) on the health and metrics server, and the contract's
 * handlers behind the one dispatch both transports use.
 */
function buildServing(
  config: CoreConfig,
  host: Host,
  parts: ConnectApiServices & {
    version: VersionInfo;
    metrics: Metrics;
    now: () => number;
    health: HealthService;
    alerting: AccountAlerting;
    usage: UsageLimits;
    keepAlive: KeepAlive;
    origins: OriginTable;
  },
): { metricsEndpoint: MetricsEndpoint; dispatch: Dispatch } {
  const { vault, settings, health, metrics, log } = parts;
  const tools = createTools({
    vault,
    keeper: parts.keepAlive.keeper,
    origins: parts.origins,
    adapters: parts.adapters,
    usage: parts.usage,
    metrics,
    log,
    now: parts.now,
    ...(config.proxyTimeoutMs ? { upstreamTimeoutMs: config.proxyTimeoutMs } : {}),
  });
  const metricsEndpoint = createMetricsEndpoint({
    health,
    metrics,
    settings,
    log,
    tools: tools.api,
    ...(config.metricsPort !== undefined ? { port: config.metricsPort } : {}),
  });
  const handlers = createApiHandlers({
    mode: host.mode,
    dataDir: config.dataDir,
    version: parts.version,
    settings,
    events: parts.events,
    vault,
    health,
    metricsServer: () => metricsEndpoint.state(),
    alerts: parts.alerting.handlers,
    tools: tools.handlers,
    refresh: createRefreshHandlers({ vault, checks: parts.keepAlive.checks }),
    connect: createConnectHandlers(parts),
  });
  return { metricsEndpoint, dispatch: createDispatch(handlers, log) };
}

/** Health, the alert hub it feeds (host, renderer) and the account alerts on transitions. */
function buildWatch(deps: {
  host: Host;
  events: EventBus;
  settings: SettingsService;
  vault: VaultGate;
  metrics: Metrics;
  version: VersionInfo;
  transitions: TransitionBus;
  keepAlive: KeepAlive;
  reachability: ReturnType<typeof createReachabilityMonitor>;
  log: Logger;
  now: () => number;
}): { health: HealthService; alerting: AccountAlerting } {
  const { host, events, settings, vault, now } = deps;
  const alerts = createAlertHub([
    hostAlertSink(host, () => settings.get().notificationsEnabled),
    rendererAlertSink(events),
  ]);
  const health = createHealthService({
    version: deps.version,
    vault,
    keyProtector: host.keyProtector,
    scheduler: deps.keepAlive.scheduler,
    reachability: deps.reachability,
    metrics: deps.metrics,
    now,
    startedAt: now(),
    onEvaluated: (document) => {
      alerts.onHealth(document);
      events.emit('health.changed', document);
    },
  });
  const alerting = createAccountAlerting({
    transitions: deps.transitions,
    hub: alerts,
    settings,
    vault,
    log: deps.log,
    now,
    // The tray follows at once instead of at the next background evaluation.
    onAlert: () => {
      health.invalidate();
      void health.detailed();
    },
  });
  return { health, alerting };
}

/** The origin table, the adapters over it, the credentials they sign in with, reachability. */
function buildPlatforms(
  config: CoreConfig,
  deps: { settings: SettingsService; vault: VaultGate; metrics: Metrics; now: () => number },
) {
  const origins = config.origins ?? createOriginTable();
  const rateLimits = createRelay<RateLimitSnapshot>();
  const adapters = createAdapterRegistry((provider) => ({
    http: createPlatformHttp({
      platform: PROVIDERS[provider].platform,
      origins,
      record: (path, status) =>
        deps.metrics.recordPlatformRequest(PROVIDERS[provider].platform, path, status),
    }),
    now: deps.now,
    graphApiVersion: () => deps.settings.get().graphApiVersion,
    onRateLimit: rateLimits.emit,
  }));
  const credentials = createCredentialsResolver({
    vault: () => deps.vault.current(),
    ...(config.env ? { env: config.env } : {}),
  });
  const reachability = createReachabilityMonitor({
    probeUrl: (platform) => origins.url(DEFAULT_ENDPOINTS[platform].apiProbe).toString(),
    probeTimeoutMs: config.reachabilityTimeoutMs ?? 5_000,
    now: deps.now,
  });
  return { origins, adapters, credentials, rateLimits, reachability };
}

/** A hand-off built before both of its ends, so neither needs the other to exist first. */
function createRelay<T>() {
  const listeners: ((value: T) => void)[] = [];
  return {
    emit: (value: T): void => listeners.forEach((listener) => listener(value)),
    listen: (listener: (value: T) => void): void => void listeners.push(listener),
  };
}
