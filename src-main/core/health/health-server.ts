import type { IncomingMessage, ServerResponse } from 'node:http';
import { failure } from '../dispatch';
import type { Logger } from '../logger';
import {
  hasBearer,
  isLoopbackHost,
  LOOPBACK_ADDRESS,
  sendJson,
  startLoopbackServer,
  type LoopbackServer,
} from '../loopback-http';
import type { ReceiptClock } from '../receipt-deadline';
import type { HealthService } from './health-service';
import type { Metrics } from './metrics';

export interface HealthServerOptions {
  health: HealthService;
  metrics: Metrics;
  port: number;
  /** SHA-256 (hex) of the bearer token required for /health/detailed and /metrics; null = open. Read per request, so a new token applies at once. */
  tokenSha256: () => string | null;
  log: Logger;
  /** The local tool API (tools/tools-api.ts), answering everything under /v1/ once Host is checked. */
  tools?: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
  /** Drives the body-rate deadline of a server with /v1 (tests). */
  receiptClock?: ReceiptClock;
}

export type HealthServer = LoopbackServer;

/**
 * `/health`, `/health/detailed` and `/metrics` on 127.0.0.1 for Prometheus and scripts. Paths
 * match exactly as sent — no normalisation — so `/health/../metrics`, `//metrics` and encoded
 * slashes are simply not found.
 */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const { health, metrics, tokenSha256, log } = options;
  let port = options.port;

  const routes: Record<
    string,
    { open: boolean; run: (response: ServerResponse) => Promise<void> }
  > = {
    '/health': {
      open: true,
      run: async (response) =>
        sendJson(response, 200, health.liveness(), { 'Content-Type': 'application/health+json' }),
    },
    '/health/detailed': {
      open: false,
      run: async (response) => {
        const document = await health.detailed();
        sendJson(response, document.status === 'fail' ? 503 : 200, document, {
          'Content-Type': 'application/health+json',
        });
      },
    },
    '/metrics': {
      open: false,
      run: async (response) => {
        const body = await metrics.scrape();
        response.writeHead(200, {
          'Content-Type': metrics.contentType,
          'Cache-Control': 'no-store',
        });
        response.end(body);
      },
    },
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    if (!isLoopbackHost(request.headers.host, port))
      return sendJson(response, 403, failure('forbidden_host'));
    if (options.tools && request.url?.startsWith('/v1/')) return options.tools(request, response);
    const route = Object.hasOwn(routes, request.url ?? '') ? routes[request.url!] : undefined;
    if (!route) return sendJson(response, 404, failure('not_found'));
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return sendJson(response, 405, failure('method_not_allowed'), { Allow: 'GET, HEAD' });
    }
    if (
      Number(request.headers['content-length'] ?? 0) > 0 ||
      request.headers['transfer-encoding']
    ) {
      return sendJson(response, 413, failure('payload_too_large'), { Connection: 'close' });
    }
    const required = route.open ? null : tokenSha256();
    if (required && !hasBearer(request, required)) {
      return sendJson(
        response,
        401,
        failure('unauthorized', 'Send the metrics token as a bearer token.'),
        {
          'WWW-Authenticate': 'Bearer',
        },
      );
    }
    await route.run(response);
  };

  // Tool uploads through /v1/proxy may take minutes: no fixed deadline, but a body must keep
  // flowing at a minimum pace (receipt-deadline.ts), so a trickle cannot hold a connection.
  const server = await startLoopbackServer(
    'health',
    options.port,
    handle,
    log,
    options.tools ? { requestTimeoutMs: 'body-rate', receiptClock: options.receiptClock } : {},
  );
  port = server.port;
  return server;
}

/** The one URL printed for power users. */
export const metricsUrl = (port: number) => `http://${LOOPBACK_ADDRESS}:${port}/metrics`;
