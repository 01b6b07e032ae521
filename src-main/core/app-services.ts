import { join } from 'node:path';
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
import type { createReachabilityMonitor } from './health/reachability-monitor';
import type { Host } from './host';
import type { Logger } from './logger';
import type { OriginTable } from './net/origin-table';
import { createTransitionBus, type TransitionBus } from './refresh/account-transitions';
import { createKeepAlive, type KeepAlive } from './refresh/keep-alive';
import type { SchedulerClock } from './refresh/scheduler-clock';
import { createSettingsService, type SettingsService } from './settings';
import type { LicenceKeyRing } from './plans/licence-key';
import { fileLicenceStore } from './plans/licence-store';
import { createLicencePlan, createPlanService, type PlanService } from './plans/plan-service';
import { builtInPlansUrl } from './plans/public-keys';
import { createPlanHandlers } from './api-plan';
import { createTools } from './tools/tools';
import { createSummaryPolicy } from './usage/summary-policy';
import { createUsageLimits, type UsageLimits } from './usage/usage-limits';
import { createVaultGate, type VaultGate } from './vault/vault-gate';
import type { SummaryPolicy } from './vault/account-extras';
import type { VersionInfo } from './version-info';
import { buildPlatforms } from './app-platforms';
import { createAvatarHandlers } from './api-avatars';
import { createAvatarCache } from './avatars/avatar-cache';
import { createPlatformHttp } from './net/platform-http';
import { PLATFORM_DESCRIPTORS } from './platforms/descriptors';
import type { ScryptCost } from './vault/scrypt-kdf';

/** What only the composition root decides: the logger, version, clocks. */
export interface BuildContext {
  log: Logger;
  version: VersionInfo;
  now: () => number;
  schedulerClock: SchedulerClock;
  /** The public keys licences are verified against (built in, or a test's throwaway pair). */
  licenceKeys: LicenceKeyRing;
  /** scrypt cost of new passphrase wraps (default SCRYPT_COST; tests pass a cheap one). */
  scryptCost?: ScryptCost;
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
  /** The plan in force, derived from the verified licence key. */
  plans: PlanService;
  metricsEndpoint: MetricsEndpoint;
  dispatch: Dispatch;
  /** Deletes the avatars of removed accounts from now on; returns the unsubscribe. */
  followAvatars(): () => void;
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
  const { vault, plans } = buildVault(
    config,
    host,
    { log, now, summaryPolicy, auditRetentionDays: () => settings.get().auditRetentionDays },
    context,
  );
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
  const { metricsEndpoint, dispatch, followAvatars } = buildServing(config, host, {
    ...shared,
    plans,
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
    ...{ keepAlive, plans, metricsEndpoint, dispatch, followAvatars },
  };
}

/**
 * The vault and the plan in force. The licence's limit is built first (the vault applies it in
 * each connect's transaction, never a stored column); the plan service, which also counts the
 * accounts, after the vault.
 */
function buildVault(
  config: CoreConfig,
  host: Host,
  deps: {
    log: Logger;
    now: () => number;
    summaryPolicy: SummaryPolicy;
    auditRetentionDays: () => number;
  },
  context: BuildContext,
): { vault: VaultGate; plans: PlanService } {
  const licenceOptions = {
    store: fileLicenceStore(config.dataDir),
    keys: context.licenceKeys,
    now: deps.now,
  };
  const licence = createLicencePlan(licenceOptions);
  const vault = createVaultGate({
    dataDir: config.dataDir,
    keyProtector: host.keyProtector,
    ...deps,
    ...(context.scryptCost ? { scryptCost: context.scryptCost } : {}),
    planLimit: licence.limit,
  });
  const plans = createPlanService(
    {
      ...licenceOptions,
      storeUrl: builtInPlansUrl(),
      accounts: () => vault.current()?.accounts ?? null,
    },
    licence,
  );
  return { vault, plans };
}

/**
 * What the core serves: the tool API (/v1) on the health and metrics server, and the contract's
 * handlers behind the one dispatch both transports use.
 */
function buildServing(
  config: CoreConfig,
  host: Host,
  parts: ConnectApiServices & {
    plans: PlanService;
    version: VersionInfo;
    metrics: Metrics;
    now: () => number;
    health: HealthService;
    alerting: AccountAlerting;
    usage: UsageLimits;
    keepAlive: KeepAlive;
    origins: OriginTable;
  },
): { metricsEndpoint: MetricsEndpoint; dispatch: Dispatch; followAvatars(): () => void } {
  const { vault, settings, health, metrics, log } = parts;
  // Avatar CDNs are not API calls: no request metrics (their paths are one per picture).
  const avatars = createAvatarHandlers({
    vault,
    events: parts.events,
    cache: createAvatarCache({
      dir: join(config.dataDir, 'avatars'),
      http: (platform) => createPlatformHttp({ platform, origins: parts.origins }),
      hosts: (platform) => PLATFORM_DESCRIPTORS[platform].avatars.hosts,
      now: parts.now,
      log,
    }),
  });
  const tools = createTools({
    vault,
    keeper: parts.keepAlive.keeper,
    origins: parts.origins,
    adapters: parts.adapters,
    usage: parts.usage,
    ...(host.commandEntry ? { commandEntry: host.commandEntry } : {}),
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
    plan: createPlanHandlers({ plans: parts.plans, events: parts.events, log }),
    avatars: avatars.handlers,
  });
  return {
    metricsEndpoint,
    dispatch: createDispatch(handlers, log),
    followAvatars: avatars.follow,
  };
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
