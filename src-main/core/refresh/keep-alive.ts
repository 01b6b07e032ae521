import type { AccountStatus } from '../../../src-shared/account';
import type { ProviderId } from '../../../src-shared/platforms';
import type { Settings } from '../../../src-shared/settings';
import type { Metrics } from '../health/metrics';
import type { Logger } from '../logger';
import type { AdapterRegistry, ClientCredentials } from '../platforms/platform-adapter';
import type { Vault } from '../vault/vault';
import type { TransitionBus } from './account-transitions';
import { createRefreshScheduler, type RefreshScheduler } from './refresh-scheduler';
import { createRefreshService, type RefreshService } from './refresh-service';
import type { SchedulerClock } from './scheduler-clock';
import { createStatusWriter } from './status-writer';
import { createTokenChecks, type TokenChecks } from './token-checks';

/** Status changes within this window reach the renderer as one `accounts.changed`. */
const CHANGED_COALESCE_MS = 250;
const MINUTE_MS = 60_000;

const ROUTINE = new Set<AccountStatus>(['healthy', 'refreshing']);
/** The two steps of an ordinary renewal: healthy → refreshing → healthy. */
const routineStep = (change: { from: AccountStatus; to: AccountStatus }) =>
  ROUTINE.has(change.from) && ROUTINE.has(change.to);

export interface KeepAliveDeps {
  vault: { require(): Vault; current(): Vault | null };
  adapters: AdapterRegistry;
  credentials: { resolve(provider: ProviderId): ClientCredentials | null };
  settings: { get(): Settings };
  metrics: Pick<Metrics, 'recordRefresh'>;
  transitions: TransitionBus;
  clock: SchedulerClock;
  /** Emits `accounts.changed` (called at most every 250 ms). */
  accountsChanged: () => void;
  /** True while no platform answers (reachability). */
  offline?: () => boolean;
  log: Logger;
}

/**
 * Keeping every account alive: the TokenKeeper (single-flight refresh), the one scheduler, token
 * health checks (on demand and every few hours), all on the injected clock.
 */
/** Keeping tokens alive: the scheduler, TokenKeeper and the periodic token checks. */
export interface KeepAlive {
  /** The TokenKeeper every user of tokens goes through (the local API, the proxy, checks). */
  readonly keeper: RefreshService;
  readonly scheduler: RefreshScheduler;
  readonly checks: TokenChecks;
  /** Starts the scheduler and the periodic token checks. */
  start(): void;
  /** Stops every timer and waits for the refreshes in flight. */
  close(): Promise<void>;
}

export function createKeepAlive(deps: KeepAliveDeps): KeepAlive {
  const { clock, log } = deps;
  let changedTimer: unknown = null;
  /** One `accounts.changed` for every change within CHANGED_COALESCE_MS. */
  const announce = () => {
    if (changedTimer !== null) return;
    changedTimer = clock.setTimeout(() => {
      changedTimer = null;
      try {
        deps.accountsChanged();
      } catch (error) {
        log.error('announcing account changes failed', error);
      }
    }, CHANGED_COALESCE_MS);
  };
  const status = createStatusWriter({
    bus: deps.transitions,
    now: clock.now,
    log,
    onChanged: (change) => {
      // A renewal the scheduler runs hands its plan back to the window when it settles
      // (refresh-scheduler.ts): reloading the window for its healthy ⇄ refreshing steps would
      // cost two vault reads per renewal and change nothing. Everything else plans again.
      if (!routineStep(change) || !scheduler.runs(change.accountId)) scheduler.replan();
      announce();
    },
  });
  const keeper = createRefreshService({
    vault: deps.vault,
    adapters: deps.adapters,
    credentials: deps.credentials,
    metrics: deps.metrics,
    status,
    log,
    now: clock.now,
    marginMs: () => deps.settings.get().refreshMarginMinutes * MINUTE_MS,
  });
  const checks = createTokenChecks({
    vault: deps.vault,
    adapters: deps.adapters,
    credentials: deps.credentials,
    keeper,
    status,
    log,
    now: clock.now,
  });
  const scheduler = createRefreshScheduler({
    clock,
    vault: deps.vault,
    refresh: keeper,
    verify: (id) => checks.check(id),
    concurrency: () => deps.settings.get().refreshConcurrency,
    ...(deps.offline ? { offline: deps.offline } : {}),
    onPlanned: () => announce(),
    log,
  });

  // The periodic check has its own single timer; it never spends a rotation.
  let checkTimer: unknown = null;
  let stopped = false;
  const armChecks = () => {
    if (stopped) return;
    const every = deps.settings.get().tokenCheckIntervalHours * 60 * MINUTE_MS;
    // Long intervals are walked in steps below Node's timer limit (scheduler-clock.ts).
    const due = clock.now() + every;
    const step = () => {
      if (stopped) return;
      const left = due - clock.now();
      if (left > 0) {
        checkTimer = clock.setTimeout(step, Math.min(left, 6 * 60 * MINUTE_MS));
        return;
      }
      void checks
        .checkAll()
        .catch((error: unknown) => log.error('the periodic token check failed', error))
        .finally(armChecks);
    };
    step();
  };

  return {
    /** The TokenKeeper every user of tokens goes through (the local API, the proxy, checks). */
    keeper,
    scheduler,
    checks,
    start(): void {
      scheduler.start();
      armChecks();
    },
    async close(): Promise<void> {
      stopped = true;
      scheduler.stop();
      if (checkTimer !== null) clock.clearTimeout(checkTimer);
      if (changedTimer !== null) clock.clearTimeout(changedTimer);
      await keeper.settled();
    },
  };
}
