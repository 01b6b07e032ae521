import type { AppInfo } from '../../../src-shared/ipc-contract';
import type { SettingsService } from '../settings';
import {
  metricsUrl,
  startHealthServer,
  type HealthServer,
  type HealthServerOptions,
} from './health-server';

/** Whether the metrics server runs (and at which URL), or why it does not, for app.info. */
export interface MetricsServerState {
  url: string | null;
  server: NonNullable<AppInfo['metricsServer']>;
}

/** The /health and /metrics server as Settings ask for it: started once, closed at stop. */
export interface MetricsEndpoint {
  /** Listens when Settings enable it; a port that cannot be had is reported, not thrown. */
  start(): Promise<void>;
  /** The running server, or null when disabled in Settings or its port was taken. */
  server(): HealthServer | null;
  state(): MetricsServerState;
  close(): Promise<void>;
}

export function createMetricsEndpoint(
  options: Omit<HealthServerOptions, 'port' | 'tokenSha256'> & {
    settings: SettingsService;
    /** A fixed port (tests, serve's command line) instead of the one in Settings. */
    port?: number;
  },
): MetricsEndpoint {
  const { settings, log } = options;
  let server: HealthServer | null = null;
  let failure: { port: number; reason: string } | null = null;

  return {
    async start() {
      const current = settings.get();
      if (!current.metricsEnabled) return;
      const port = options.port ?? current.metricsPort;
      try {
        server = await startHealthServer({
          health: options.health,
          metrics: options.metrics,
          port,
          tokenSha256: () => settings.get().metricsTokenSha256,
          log,
          ...(options.tools ? { tools: options.tools } : {}),
        });
      } catch (error) {
        // A taken port must not stop the app from keeping tokens alive; say so and go on.
        const code = (error as NodeJS.ErrnoException).code;
        failure = {
          port,
          reason:
            code === 'EADDRINUSE'
              ? `Port ${port} is taken by another program; choose another port in Settings and restart Switchboard.`
              : `It could not listen on port ${port} (${code ?? (error as Error).message}).`,
        };
        log.warn(
          `health and metrics server not started on port ${port}: ${(error as Error).message}`,
        );
      }
    },
    server: () => server,
    state: () => ({
      url: server ? metricsUrl(server.port) : null,
      server: server
        ? { state: 'on', port: server.port, reason: null }
        : failure
          ? { state: 'failed', ...failure }
          : { state: 'off', port: null, reason: null },
    }),
    async close() {
      await server?.close();
    },
  };
}
