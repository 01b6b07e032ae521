import type { BuildCredentials } from '../core/platforms/build-credentials';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isAppError } from '../../src-shared/errors';
import { createCore, type Core } from '../core/app';
import type { CoreConfig } from '../core/config';
import { ensureDataDir } from '../core/data-folder';
import { metricsUrl } from '../core/health/health-server';
import type { KeyProtector } from '../core/host';
import { createLogger, type Logger } from '../core/logger';
import type { OriginTable } from '../core/net/origin-table';
import type { LicenceKeyRing } from '../core/plans/licence-key';
import { createServeHost } from './serve-host';
import { startServeServer, type ServeServer } from './server';

/** Serve mode's default UI port (the metrics server has its own). */
export const DEFAULT_SERVE_PORT = 7477;

/** The command line serve and demo mode share. */
export interface ServeFlags {
  /** Null when not given: each mode picks its own default folder. */
  dataDir: string | null;
  port: number;
  metricsPort: number | undefined;
  platformOrigins: string | undefined;
}

/** What a mode decides once it knows its flags: where its data and platforms are. */
export interface ServeSetup {
  mode: 'serve' | 'demo';
  dataDir: string;
  /** Only a folder Switchboard chose itself is tightened to 0700; a given one is warned about. */
  existingDataDir: 'tighten' | 'warn' | 'keep';
  keyProtector: KeyProtector;
  origins: OriginTable;
  env?: NodeJS.ProcessEnv;
  /** Licence keys to trust instead of the built-in ones (demo mode's own throwaway pair). */
  licenceKeys?: LicenceKeyRing;
  /** Demo mode's built-in apps and relay (a real build's are compiled in). */
  buildCredentials?: BuildCredentials;
  /** Lines printed after the ready line. */
  notes?: string[];
  /** Runs once the core is up (demo mode keeps its fakes in step with Settings). */
  started?(core: Core): Promise<void>;
  /** Runs after the core and server closed. */
  stopped?(): Promise<void>;
}

function parsePort(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${flag} must be a whole number from 0 to 65535, not "${value}".`);
  }
  return port;
}

const USAGE = `Switchboard in your browser: the core and the UI on 127.0.0.1.

Options:
  --port <n>               UI port (default ${DEFAULT_SERVE_PORT}; 0 picks a free one)
  --metrics-port <n>       /health and /metrics port, overriding Settings (0 picks a free one)
  --data-dir <folder>      where the vault and settings live (default: the app's data folder)
  --platform-origins <file> JSON origin table sending platform URLs elsewhere (tests, proxies)
  -h, --help               print this and exit

Environment: SWITCHBOARD_VAULT_PASSPHRASE or SWITCHBOARD_VAULT_KEY unlocks the vault; without
either, a passphrase is asked at the terminal (twice when it creates a new vault).
Each printed link works once; send SIGUSR1 for a new one.
`;

export function parseServeFlags(args: string[] = process.argv.slice(2)): ServeFlags {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'metrics-port': { type: 'string' },
      'platform-origins': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  return {
    dataDir: values['data-dir'] ?? null,
    port: parsePort(values.port, DEFAULT_SERVE_PORT, '--port'),
    metricsPort:
      values['metrics-port'] === undefined
        ? undefined
        : parsePort(values['metrics-port'], 0, '--metrics-port'),
    platformOrigins: values['platform-origins'],
  };
}

let server: ServeServer | null = null;
// Installed at load: without a listener, Node answers SIGUSR1 by opening its debugger.
process.on('SIGUSR1', () => {
  if (server) process.stdout.write(`New link (works once): ${server.newPageUrl()}\n`);
});

/**
 * Starts the core and the serve-mode HTTP side for one mode, prints the ready line, and stops
 * cleanly on SIGINT/SIGTERM. Any start-up failure is one plain sentence and exit code 1.
 */
export function runServe(setup: (flags: ServeFlags, log: Logger) => Promise<ServeSetup>): void {
  const log = createLogger();
  start(setup, log).catch((error: unknown) => {
    const message = isAppError(error) || error instanceof Error ? error.message : String(error);
    process.stderr.write(`Switchboard could not start: ${message}\n`);
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      process.stderr.write(
        'That port is taken; choose another with --port (0 picks a free one).\n',
      );
    }
    process.exit(1);
  });
}

async function start(
  prepare: (flags: ServeFlags, log: Logger) => Promise<ServeSetup>,
  log: Logger,
): Promise<void> {
  const flags = parseServeFlags();
  const setup = await prepare(flags, log);
  ensureDataDir(setup.dataDir, { log, existing: setup.existingDataDir });
  const config: CoreConfig = {
    dataDir: setup.dataDir,
    origins: setup.origins,
    ...(flags.metricsPort === undefined ? {} : { metricsPort: flags.metricsPort }),
    ...(setup.env ? { env: setup.env } : {}),
    ...(setup.buildCredentials ? { buildCredentials: setup.buildCredentials } : {}),
  };
  const core = await createCore(
    config,
    createServeHost(
      setup.dataDir,
      setup.keyProtector,
      log,
      setup.mode,
      // The build puts the command beside serve mode's bundle (dist/cli).
      fileURLToPath(new URL('../cli/switchboard.mjs', import.meta.url)),
    ),
    { log, ...(setup.licenceKeys ? { licenceKeys: setup.licenceKeys } : {}) },
  );
  await setup.started?.(core);
  const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
  const serving = await startServeServer({ core, rendererDir, port: flags.port, log });
  server = serving;
  if (core.healthServer) process.stdout.write(`Metrics at ${metricsUrl(core.healthServer.port)}\n`);
  process.stdout.write(`Switchboard is ready at ${serving.pageUrl}\n`);
  process.stdout.write(`Each link works once; for a new one: kill -USR1 ${process.pid}\n`);
  for (const note of setup.notes ?? []) process.stdout.write(`${note}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received; stopping`);
    void Promise.all([serving.close(), core.close()])
      .then(() => setup.stopped?.())
      .then(
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
