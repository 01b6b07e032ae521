import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isAppError } from '../../src-shared/errors';
import { createCore } from '../core/app';
import { defaultDataDir } from '../core/config';
import { ensureDataDir } from '../core/data-folder';
import { metricsUrl } from '../core/health/health-server';
import { createLogger } from '../core/logger';
import { keyProtectorFromEnvironment } from './key-source';
import { createServeHost } from './serve-host';
import { startServeServer, type ServeServer } from './server';

/** Serve mode's default UI port (the metrics server has its own). */
export const DEFAULT_SERVE_PORT = 7477;

function parsePort(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${flag} must be a whole number from 0 to 65535, not "${value}".`);
  }
  return port;
}

let server: ServeServer | null = null;
// Installed before anything else: without a listener, Node answers SIGUSR1 by opening its debugger.
process.on('SIGUSR1', () => {
  if (server) process.stdout.write(`New link (works once): ${server.newPageUrl()}\n`);
});

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'metrics-port': { type: 'string' },
    },
    strict: true,
  });
  const log = createLogger();
  const dataDir = values['data-dir'] ?? defaultDataDir();
  // Owner-only before conf or SQLite creates it; only the default folder is ours to tighten.
  ensureDataDir(dataDir, { log, existing: values['data-dir'] === undefined ? 'tighten' : 'warn' });
  const port = parsePort(values.port, DEFAULT_SERVE_PORT, '--port');
  const metricsPort =
    values['metrics-port'] === undefined
      ? undefined
      : parsePort(values['metrics-port'], 0, '--metrics-port');
  const keyProtector = await keyProtectorFromEnvironment();
  const core = await createCore(
    { dataDir, ...(metricsPort === undefined ? {} : { metricsPort }) },
    createServeHost(dataDir, keyProtector, log),
    { log },
  );
  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
  const serving = await startServeServer({ core, rendererDir, port, log });
  server = serving;
  if (core.healthServer) process.stdout.write(`Metrics at ${metricsUrl(core.healthServer.port)}\n`);
  process.stdout.write(`Switchboard is ready at ${serving.pageUrl}\n`);
  process.stdout.write(`Each link works once; for a new one: kill -USR1 ${process.pid}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received; stopping`);
    void Promise.all([serving.close(), core.close()]).then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('stopping failed', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = isAppError(error) || error instanceof Error ? error.message : String(error);
  process.stderr.write(`Switchboard could not start: ${message}\n`);
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    process.stderr.write('That port is taken; choose another with --port (0 picks a free one).\n');
  }
  process.exit(1);
});
