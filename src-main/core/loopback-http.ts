import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../../src-shared/errors';
import { failure } from './dispatch';
import { admitConnections, type Admission } from './loopback-admission';
import type { Logger } from './logger';
import { guardReceipt, type ReceiptClock } from './receipt-deadline';
import { sha256Hex } from './sha256';

/** Only the loopback address answers: a wider bind would expose tokens to the network. */
export const LOOPBACK_ADDRESS = '127.0.0.1';

/** Largest request body any loopback endpoint accepts. */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * DNS-rebinding defence: a page on evil.example that resolves its name to 127.0.0.1 still sends
 * `Host: evil.example`, so anything but our own loopback name and port is refused.
 */
export function isLoopbackHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `${LOOPBACK_ADDRESS}:${port}` || hostHeader === `localhost:${port}`;
}

/** No Origin (same-origin GET, scripts, curl) or our own origin; every other site is refused. */
export function isAllowedOrigin(request: IncomingMessage, port: number): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  return origin === `http://${LOOPBACK_ADDRESS}:${port}` || origin === `http://localhost:${port}`;
}

/** The request's bearer token, or null. */
export function bearerOf(request: IncomingMessage): string | null {
  return /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1] ?? null;
}

/**
 * Whether the request carries the bearer token whose SHA-256 is `expectedSha256Hex`. Comparing
 * digests keeps the check constant-time whatever the lengths, and lets callers store only a hash.
 */
export function hasBearer(request: IncomingMessage, expectedSha256Hex: string): boolean {
  const token = bearerOf(request);
  if (!token) return false;
  return timingSafeEqual(
    Buffer.from(sha256Hex(token), 'hex'),
    Buffer.from(expectedSha256Hex, 'hex'),
  );
}

/** Reads a JSON body up to MAX_BODY_BYTES; throws AppError payload_too_large / invalid_input. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new AppError('payload_too_large');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AppError('payload_too_large');
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('invalid_input', 'The request body is not valid JSON.');
  }
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  response.end(text);
}

/**
 * Connections one loopback server holds at once. A browser opens about six per host plus one
 * event stream per tab and a scraper one or two, so this is far above honest use. At the cap a
 * newcomer does not wait or fail: the connection idle or half-sent the longest makes room
 * (loopback-admission.ts), so a local flood of slow sockets cannot lock honest callers out.
 */
export const MAX_CONNECTIONS = 128;

/** Time to send the request line and headers; a real client sends them in one packet. */
export const HEADERS_TIMEOUT_MS = 5_000;
/** Whole-request deadline where bodies are small (JSON calls, GETs). */
export const REQUEST_TIMEOUT_MS = 10_000;
/** How long a keep-alive connection may sit with no request before Node closes it. */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** A loopback server once it listens. */
export interface LoopbackServer {
  port: number;
  /** Who the server holds and has shed (loopback-admission.ts). */
  admission: Admission;
  /** Stops accepting connections; those already open finish their answers. */
  stopAccepting(): void;
  close(): Promise<void>;
}

export interface LoopbackLimits {
  /** Connections held at once; at the cap, idle and half-sent ones make room. */
  maxConnections?: number;
  /**
   * Whole-request deadline in ms, or 'body-rate' where bodies may be large uploads: then
   * receipt-deadline.ts's grace plus minimum pace applies to every request instead.
   */
  requestTimeoutMs?: number | 'body-rate';
  /** Drives the 'body-rate' deadline (tests). */
  receiptClock?: ReceiptClock;
}

/**
 * Starts an HTTP server on 127.0.0.1 with the limits every loopback endpoint needs: small
 * headers, short timeouts checked every second (slowloris), a connection cap that sheds idle
 * connections rather than newcomers, and a 500 with a stable code instead of a crash when a
 * handler throws.
 */
export async function startLoopbackServer(
  name: string,
  port: number,
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>,
  log: Logger,
  limits: LoopbackLimits = {},
): Promise<LoopbackServer> {
  // Node checks request timeouts on this interval (30 s by default): a slow client would sit that long.
  const server = createServer({ maxHeaderSize: 16 * 1024, connectionsCheckingInterval: 1_000 });
  const cap = limits.maxConnections ?? MAX_CONNECTIONS;
  // Registered before the handler, so a request is in flight before any answer can finish.
  const admission = admitConnections(server, cap, () =>
    log.warn(`${name}: ${cap} connections open; closing idle and half-sent ones to make room`),
  );
  const deadline = limits.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const byRate = deadline === 'body-rate';
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (byRate) guardReceipt(request, limits.receiptClock);
    handle(request, response).catch((error: unknown) => {
      log.error(`${name} request failed`, error);
      if (!response.headersSent) sendJson(response, 500, failure('internal'));
      else response.destroy();
    });
  });
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.requestTimeout = deadline === 'body-rate' ? 0 : deadline;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.maxHeadersCount = 64;
  const bound = await new Promise<number>((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_ADDRESS, () => {
      server.off('error', reject);
      // Once listening, a failed accept (EMFILE under a flood) arrives as 'error': unheard, it would end the process.
      server.on('error', (error) => log.error(`${name} server error`, error));
      const address = server.address();
      resolvePort(typeof address === 'object' && address ? address.port : port);
    });
  });
  return {
    port: bound,
    admission,
    stopAccepting: () => {
      server.close();
    },
    close: () =>
      new Promise((resolveClose) => {
        if (!server.listening) {
          server.closeAllConnections();
          resolveClose();
          return;
        }
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
