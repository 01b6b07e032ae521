import { performance } from 'node:perf_hooks';
import type { AccountSummary } from '../../../src-shared/account';
import { worst, type CheckResult, type HealthDocument } from '../../../src-shared/health';
import { PLATFORM_IDS, type PlatformId } from '../../../src-shared/platforms';
import type { KeyProtector } from '../host';
import type { SchedulerStatusSource } from './scheduler-status';
import type { VaultGate } from '../vault/vault-gate';
import type { VersionInfo } from '../version-info';
import {
  checkAccounts,
  checkKeystore,
  checkScheduler,
  checkVault,
  reachabilityResult,
} from './health-checks';
import type { Metrics } from './metrics';
import type { ReachabilityMonitor } from './reachability-monitor';

/** Detailed results are reused for this long; a fresh evaluation runs after it. */
export const HEALTH_CACHE_MS = 30_000;
/** How long a detailed answer waits for platform probes before using their last results. */
export const REACHABILITY_BUDGET_MS = 250;

/** The checks whose failure means Switchboard itself is broken (HTTP 503). */
const CORE_CHECKS = ['vault:responseTime', 'keystore:available', 'scheduler:lag'];

export interface HealthServiceOptions {
  version: VersionInfo;
  vault: VaultGate;
  keyProtector: KeyProtector;
  scheduler: SchedulerStatusSource;
  reachability: ReachabilityMonitor;
  metrics: Metrics;
  /** Epoch ms. */
  now: () => number;
  startedAt: number;
  /** Hears every fresh evaluation (alerts, the renderer's Health screen). */
  onEvaluated?: (document: HealthDocument) => void;
}

/** Health of the core: liveness for `GET /health`, the full document for `/health/detailed`. */
export interface HealthService {
  liveness(): HealthLiveness;
  /** Cached for HEALTH_CACHE_MS; concurrent callers share one evaluation. */
  detailed(): Promise<HealthDocument>;
  /** Drops the cache, e.g. after the vault was unlocked, so the next read is fresh. */
  invalidate(): void;
}

/** `GET /health`: liveness only — no database, no network. */
export interface HealthLiveness {
  status: 'pass';
  time: string;
  version: string;
  releaseId: string;
  uptimeSeconds: number;
}

export function createHealthService(options: HealthServiceOptions): HealthService {
  const { version, vault, metrics, now } = options;
  let cached: { document: HealthDocument; at: number } | null = null;
  let evaluating: Promise<HealthDocument> | null = null;

  const timed = async <T>(check: string, run: () => T | Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      metrics.recordCheckDuration(check, (performance.now() - started) / 1000);
    }
  };

  /** The accounts, or null when the vault is locked or failing (the vault check says which). */
  const listAccounts = (): AccountSummary[] | null => {
    try {
      return vault.current()?.accounts.listAll() ?? null;
    } catch {
      return null;
    }
  };

  const evaluate = async (): Promise<HealthDocument> => {
    const at = now();
    const accounts = listAccounts();
    const platforms: PlatformId[] = PLATFORM_IDS.filter((platform) =>
      accounts?.some((account) => account.platform === platform),
    );
    const [vaultCheck, keystore, scheduler, reach, accountChecks] = await Promise.all([
      timed('vault', () => checkVault(vault, at)),
      timed('keystore', () => checkKeystore(options.keyProtector, vault, at)),
      timed('scheduler', () => checkScheduler(options.scheduler, accounts, at)),
      timed('reachability', () => options.reachability.check(platforms, REACHABILITY_BUDGET_MS)),
      timed('accounts', () => checkAccounts(accounts, at)),
    ]);
    const checks: Record<string, CheckResult[]> = {
      'vault:responseTime': [vaultCheck],
      'keystore:available': [keystore],
      'scheduler:lag': [scheduler],
    };
    for (const [platform, latest] of reach)
      checks[`${platform}:reachability`] = [reachabilityResult(latest, at)];
    checks['accounts:status'] = accountChecks;
    const coreStatus = worst(
      CORE_CHECKS.flatMap((key) => checks[key]!.map((check) => check.status)),
    );
    const others = worst(
      Object.entries(checks)
        .filter(([key]) => !CORE_CHECKS.includes(key))
        .flatMap(([, results]) => results.map((check) => check.status)),
    );
    return {
      // Platforms and accounts can only warn: they are the creator's to fix, not Switchboard's.
      status: worst([coreStatus, others === 'fail' ? 'warn' : others]),
      version: version.version,
      releaseId: version.commit,
      description: 'Switchboard',
      time: new Date(at).toISOString(),
      checks,
    };
  };

  return {
    /** `GET /health`: liveness only — no database, no network. */
    liveness(): HealthLiveness {
      return {
        status: 'pass' as const,
        time: new Date(now()).toISOString(),
        version: version.version,
        releaseId: version.commit,
        uptimeSeconds: Math.round((now() - options.startedAt) / 1000),
      };
    },
    /** `GET /health/detailed`: cached for HEALTH_CACHE_MS; concurrent callers share one evaluation. */
    async detailed(): Promise<HealthDocument> {
      if (cached && now() - cached.at < HEALTH_CACHE_MS) return cached.document;
      evaluating ??= evaluate()
        .then((document) => {
          cached = { document, at: now() };
          options.onEvaluated?.(document);
          return document;
        })
        .finally(() => {
          evaluating = null;
        });
      return evaluating;
    },
    /** Drops the cache, e.g. after the vault was unlocked, so the next read is fresh. */
    invalidate(): void {
      cached = null;
    },
  };
}
