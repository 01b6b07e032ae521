import type { CoreConfig } from './config';
import { createReachabilityMonitor } from './health/reachability-monitor';
import type { Metrics } from './health/metrics';
import { createOriginTable } from './net/origin-table';
import { createPlatformHttp } from './net/platform-http';
import { createAdapterRegistry } from './platforms/adapter-registry';
import { createCredentialsResolver } from './platforms/credentials';
import { PLATFORM_DESCRIPTORS } from './platforms/descriptors';
import type { RateLimitSnapshot } from './platforms/platform-adapter';
import type { SettingsService } from './settings';
import type { VaultGate } from './vault/vault-gate';
import { PROVIDERS } from '../../src-shared/platforms';

/** The origin table, the adapters over it, the credentials they sign in with, reachability. */
export function buildPlatforms(
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
    ...(config.buildCredentials ? { builtIn: config.buildCredentials } : {}),
  });
  const reachability = createReachabilityMonitor({
    probeUrl: (platform) => origins.url(PLATFORM_DESCRIPTORS[platform].probeUrl).toString(),
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
