import type { PlatformId } from '../../../src-shared/platforms';
import { probeReachability, type ReachabilityResult } from './reachability';

export interface LatestReachability {
  result: ReachabilityResult;
  /** When the probe finished (epoch ms). */
  at: number;
}

/**
 * Probes platform hosts in parallel, each bounded by `probeTimeoutMs`. A caller waits at most
 * `budgetMs` and gets the latest completed results: a hanging platform never holds the answer,
 * and a slow one still lands for the next caller instead of being reported as down.
 */
export function createReachabilityMonitor(options: {
  /** The URL to probe per platform, already passed through the origin table. */
  probeUrl(platform: PlatformId): string;
  probeTimeoutMs: number;
  now: () => number;
}) {
  const latest = new Map<PlatformId, LatestReachability>();
  const inFlight = new Map<PlatformId, Promise<void>>();

  const probe = (platform: PlatformId): Promise<void> => {
    const running = inFlight.get(platform);
    if (running) return running;
    const started = probeReachability(options.probeUrl(platform), options.probeTimeoutMs)
      .then((result) => {
        latest.set(platform, { result, at: options.now() });
      })
      .finally(() => inFlight.delete(platform));
    inFlight.set(platform, started);
    return started;
  };

  return {
    async check(
      platforms: readonly PlatformId[],
      budgetMs: number,
    ): Promise<Map<PlatformId, LatestReachability | null>> {
      const probes = Promise.all(platforms.map(probe));
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        probes,
        new Promise<void>((resolve) => (timer = setTimeout(resolve, budgetMs))),
      ]);
      clearTimeout(timer);
      return new Map(platforms.map((platform) => [platform, latest.get(platform) ?? null]));
    },
    /** True when every platform probed so far went unanswered: the machine is offline. */
    offline(): boolean {
      if (latest.size === 0) return false;
      return [...latest.values()].every((entry) => !entry.result.reachable);
    },
    /** Resolves when every probe still running has finished (for clean shutdown and tests). */
    settled: () => Promise.all(inFlight.values()).then(() => undefined),
  };
}

export type ReachabilityMonitor = ReturnType<typeof createReachabilityMonitor>;
