import { mkdirSync } from 'node:fs';
import { createApiHandlers } from './api';
import type { CoreConfig } from './config';
import { createDispatch, type Dispatch } from './dispatch';
import { createEventBus, type EventListener } from './event-bus';
import type { Host } from './host';
import { createLogger, type Logger } from './logger';
import { createSettingsService } from './settings';
import { builtVersionInfo, type VersionInfo } from './version-info';

export interface Core {
  /** Runs one contract call; both transports hand every request here. */
  dispatch: Dispatch;
  /** Hears every contract event; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
  readonly version: VersionInfo;
  close(): Promise<void>;
}

export interface CoreOptions {
  log?: Logger;
  version?: VersionInfo;
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
  const handlers = createApiHandlers({
    mode: host.mode,
    dataDir: config.dataDir,
    version,
    settings,
    events,
  });
  return {
    dispatch: createDispatch(handlers, log),
    subscribe: events.subscribe,
    version,
    close: async () => {},
  };
}
