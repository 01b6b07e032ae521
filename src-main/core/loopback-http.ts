import type { IncomingMessage, ServerResponse, Server } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { AppError } from '../../src-shared/errors';

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

/** Constant-time bearer check; hashing first makes the lengths equal. */
export function hasBearer(request: IncomingMessage, secret: string): boolean {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer (.+)$/.exec(header);
  if (!match?.[1]) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(secret));
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

/** createServer options for every loopback server: small headers, timeouts checked every second. */
export const LOOPBACK_SERVER_OPTIONS = {
  maxHeaderSize: 16 * 1024,
  // Node checks request timeouts on this interval (30 s by default): a slow client would sit that long.
  connectionsCheckingInterval: 1_000,
} as const;

/** Timeouts and limits that keep slow or oversized clients from holding a loopback server. */
export function hardenServer(server: Server): void {
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 64;
}

export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK_ADDRESS, () => {
      server.off('error', reject);
      const address = server.address();
      resolvePort(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolveClose) => {
    server.close(() => resolveClose());
    server.closeAllConnections();
  });
}
