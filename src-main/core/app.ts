import { mkdirSync } from 'node:fs';
import { createApiHandlers } from './api';
import type { CoreConfig } from './config';
import { createDispatch, type Dispatch } from './dispatch';
import { createEventBus, type EventListener } from './event-bus';
import type { Host } from './host';
import { createLogger, type Logger } from './logger';
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
  close(): Promise<void>;
}

export interface CoreOptions {
  log?: Logger;
  version?: VersionInfo;
  /** Injected clock (epoch ms) for tests. */
  now?: () => number;
}

/** Composition root: wires every service of the core for one host. Runs under plain Node. */
export async function createCore(
  config: CoreConfig,
  host: Host,
  options: CoreOptions = {},
): Promise<Core> {
  const log = options.log ?? createLogger();
  const version = options.version ?? builtVersionInfo();
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const events = createEventBus();
  const settings = createSettingsService(host.settings, log);
  const vault = createVaultGate({
    dataDir: config.dataDir,
    keyProtector: host.keyProtector,
    log,
    ...(options.now ? { now: options.now } : {}),
  });
  await vault.open();
  const handlers = createApiHandlers({
    mode: host.mode,
    dataDir: config.dataDir,
    version,
    settings,
    events,
    vault,
  });
  return {
    dispatch: createDispatch(handlers, log),
    subscribe: events.subscribe,
    version,
    vault,
    close: async () => {
      vault.close();
    },
  };
}
