import { buildCoreServices, type CoreServices } from './app-services';
import type { CoreConfig } from './config';
import { ensureDataDir } from './data-folder';
import type { Dispatch } from './dispatch';
import type { EventListener } from './event-bus';
import type { HealthServer } from './health/health-server';
import type { Host } from './host';
import { followLaunchAtLogin } from './launch-at-login';
import { createLogger, type Logger } from './logger';
import { schedulerClockFor, type SchedulerClock } from './refresh/scheduler-clock';
import type { LicenceKeyRing } from './plans/licence-key';
import { builtInLicenceKeys } from './plans/public-keys';
import { builtVersionInfo, type VersionInfo } from './version-info';
import type { ScryptCost } from './vault/scrypt-kdf';

/** What the two shells (Electron and serve) use of the core. */
export interface Core {
  /** Runs one contract call; both transports hand every request here. */
  dispatch: Dispatch;
  /** Hears every contract event; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  /** The /health and /metrics server, or null when disabled in Settings or its port was taken. */
  readonly healthServer: HealthServer | null;
  /** Stops everything the core started, in the reverse order. */
  close(): Promise<void>;
}

/** The tests' handle: the shells' Core and the services behind it. */
export type TestCore = Core &
  Pick<
    CoreServices,
    | 'vault'
    | 'health'
    | 'metrics'
    | 'connect'
    | 'keepAlive'
    | 'transitions'
    | 'usage'
    | 'alerting'
    | 'plans'
  >;

export interface CoreOptions {
  log?: Logger;
  version?: VersionInfo;
  /** Injected clock (epoch ms) for tests. */
  now?: () => number;
  /** Injected timers for the refresh scheduler (tests drive sleep and clock jumps). */
  schedulerClock?: SchedulerClock;
  /** Licence public keys to trust instead of the built-in ones (tests' throwaway pairs). */
  licenceKeys?: LicenceKeyRing;
  /** scrypt cost of new passphrase wraps instead of SCRYPT_COST (tests' cheap one). */
  scryptCost?: ScryptCost;
}

/** How often health is re-evaluated in the background, so alerts fire without anyone asking. */
const HEALTH_WATCH_MS = 60_000;
/** The first background evaluation, soon after start-up, so the tray shows a real status early. */
const FIRST_HEALTH_CHECK_MS = 5_000;

/** Composition root for the shells: builds every service of the core, then starts them. */
export async function createCore(
  config: CoreConfig,
  host: Host,
  options: CoreOptions = {},
): Promise<Core> {
  const { dispatch, subscribe, healthServer, close } = await createTestCore(config, host, options);
  return { dispatch, subscribe, healthServer, close };
}

/** The same core, with its services in reach of the tests. */
export async function createTestCore(
  config: CoreConfig,
  host: Host,
  options: CoreOptions = {},
): Promise<TestCore> {
  const log = options.log ?? createLogger();
  const now = options.now ?? Date.now;
  const services = buildCoreServices(config, host, {
    log,
    version: options.version ?? builtVersionInfo(),
    now,
    schedulerClock: options.schedulerClock ?? schedulerClockFor(now),
    licenceKeys: options.licenceKeys ?? builtInLicenceKeys(),
    ...(options.scryptCost ? { scryptCost: options.scryptCost } : {}),
  });
  const stop = await startCore(services, config, host, log);
  return {
    ...services,
    subscribe: services.events.subscribe,
    healthServer: services.metricsEndpoint.server(),
    close: stop,
  };
}

/**
 * Starts the built services in this order: the data folder, the vault, the clean-up of sign-ins
 * a crash interrupted, the listeners that follow events (replan, wake-up, launch at login), the
 * keep-alive timers, the health and metrics server, the background health watch. Returns the
 * stop, which silences alerts and then stops the started steps in the reverse order.
 */
async function startCore(
  services: CoreServices,
  config: CoreConfig,
  host: Host,
  log: Logger,
): Promise<() => Promise<void>> {
  const { vault, connect, keepAlive, events, health } = services;
  const started: (() => unknown)[] = [];
  const stop = async () => {
    services.alerting.close();
    for (const step of started.reverse().splice(0)) await step();
  };
  try {
    ensureDataDir(config.dataDir, { log, existing: 'keep' });
    await vault.open();
    started.push(() => vault.close());
    // Tokens of sign-ins a crash interrupted are revoked and removed, never left valid and unknown.
    void connect
      .recoverPending()
      .catch((error: unknown) => log.error('pending sign-in clean-up failed', error));
    started.push(() => connect.close());
    // Connects, disconnects and unlocks change what is due; a wake-up makes overdue work due now.
    started.push(
      events.subscribe((message) => {
        if (message.event === 'accounts.changed') keepAlive.scheduler.replan();
        // The re-auth forecast changes with accounts and settings: warn then, not 15 min later.
        if (message.event === 'accounts.changed' || message.event === 'settings.changed')
          queueMicrotask(() => services.alerting.checkForecast());
      }),
    );
    started.push(services.followAvatars());
    started.push(host.onResume?.(() => keepAlive.scheduler.resume()) ?? (() => undefined));
    started.push(followLaunchAtLogin(host, services.settings, events));
    keepAlive.start();
    started.push(() => keepAlive.close());
    await services.metricsEndpoint.start();
    started.push(() => services.metricsEndpoint.close());
    const firstCheck = setTimeout(() => void health.detailed(), FIRST_HEALTH_CHECK_MS);
    const watch = setInterval(() => void health.detailed(), HEALTH_WATCH_MS);
    firstCheck.unref();
    watch.unref();
    started.push(() => (clearTimeout(firstCheck), clearInterval(watch)));
  } catch (error) {
    await stop();
    throw error;
  }
  return stop;
}
