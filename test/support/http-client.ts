import { request } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A plain node:http request: unlike fetch it may send any Host and Origin, as an attacker would. */
export function httpRequest(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Reads server-sent events from a GET endpoint; `next()` resolves with the next one. */
export function openEventStream(port: number, path: string, headers: Record<string, string>) {
  const queue: { event: string; payload: unknown }[] = [];
  const waiters: ((message: { event: string; payload: unknown }) => void)[] = [];
  let buffer = '';
  let destroy = () => {};
  const ready = new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      resolve(res.statusCode ?? 0);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (!event || data === undefined) continue;
          const message = { event, payload: JSON.parse(data) as unknown };
          const waiter = waiters.shift();
          if (waiter) waiter(message);
          else queue.push(message);
        }
      });
    });
    req.on('error', reject);
    req.end();
    destroy = () => req.destroy();
  });
  const stream = {
    ready,
    close: () => destroy(),
    next: () =>
      new Promise<{ event: string; payload: unknown }>((resolve) => {
        const queued = queue.shift();
        if (queued) resolve(queued);
        else waiters.push(resolve);
      }),
  };
  return stream;
}

/** The one-use secret in a serve-mode link (`…/#key=<secret>`). */
export function linkSecret(pageUrl: string): string {
  const secret = /#key=([\w-]+)$/.exec(pageUrl)?.[1];
  if (!secret) throw new Error(`no #key= in ${pageUrl}`);
  return secret;
}

/**
 * Trades a serve-mode link's secret for a session, as the page does; resolves with the answer and
 * the session token from its body (empty when refused), to send as `Authorization: Bearer`.
 */
export async function exchangeLink(
  port: number,
  secret: string,
  headers: Record<string, string> = {},
): Promise<RawResponse & { session: string }> {
  const response = await httpRequest(port, {
    method: 'POST',
    path: '/api/session',
    headers: {
      Host: `127.0.0.1:${port}`,
      Authorization: `Bearer ${secret}`,
      'Content-Type': 'application/json',
      ...headers,
    },
    body: '{}',
  });
  let session = '';
  if (response.status === 200) session = JSON.parse(response.body).value.session;
  return { ...response, session };
}

/**
 * Fills a server with `count` idle connections, then sends a request on one more: with a cap of
 * `count`, that one is closed unanswered. `release` closes them all.
 */
export async function overConnectionCap(
  port: number,
  count: number,
): Promise<{ outcome: 'closed' | 'answered'; release(): Promise<void> }> {
  const idle = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Socket>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => resolve(socket));
          socket.on('error', reject);
        }),
    ),
  );
  // The server accepts in order: once an idle one answers, every one before it is counted too.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const outcome = await new Promise<'closed' | 'answered'>((resolve) => {
    const extra = connect(port, '127.0.0.1', () =>
      extra.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`),
    );
    extra.on('error', () => {});
    extra.once('data', () => {
      resolve('answered');
      extra.destroy();
    });
    extra.on('close', () => resolve('closed'));
  });
  return {
    outcome,
    release: async () => {
      await Promise.all(
        idle.map(
          (socket) =>
            new Promise<void>((resolve) => {
              // The server may have closed some already (other clients' keep-alive counts too).
              if (socket.closed) resolve();
              socket.on('close', () => resolve());
              socket.destroy();
            }),
        ),
      );
    },
  };
}
