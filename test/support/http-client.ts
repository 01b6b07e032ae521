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
 * Fills a server with `count` silent connections, then sends a request on one more: with a cap
 * of `count`, the server makes room by closing the silent one that has waited the longest
 * (`oldestClosed`), and answers the newcomer. `release` closes them all.
 */
export async function overConnectionCap(
  port: number,
  count: number,
): Promise<{
  outcome: 'closed' | 'answered';
  oldestClosed: Promise<void>;
  /** Sends a request on the second-oldest silent connection: answered unless it was shed too. */
  askSecondOldest(): Promise<'closed' | 'answered'>;
  release(): Promise<void>;
}> {
  const idle: Socket[] = [];
  // One at a time, so the server accepts them in this order and the first is the oldest.
  for (let i = 0; i < count; i += 1) {
    idle.push(
      await new Promise<Socket>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => resolve(socket));
        socket.on('error', reject);
      }),
    );
  }
  const oldest = idle[0]!;
  oldest.removeAllListeners('error');
  oldest.on('error', () => {});
  const oldestClosed = new Promise<void>((resolve) => {
    if (oldest.closed) resolve();
    oldest.once('close', () => resolve());
  });
  const ask = (socket: Socket) =>
    new Promise<'closed' | 'answered'>((resolve) => {
      socket.on('error', () => {});
      socket.once('data', () => {
        resolve('answered');
        socket.destroy();
      });
      socket.on('close', () => resolve('closed'));
      if (socket.closed) resolve('closed');
      else socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    });
  const extra = connect(port, '127.0.0.1');
  const outcome = await new Promise<'closed' | 'answered'>((resolve) => {
    extra.on('error', () => {});
    extra.once('connect', () => void ask(extra).then(resolve));
    extra.once('close', () => resolve('closed'));
  });
  return {
    outcome,
    oldestClosed,
    askSecondOldest: () => ask(idle[1]!),
    release: async () => {
      await Promise.all(
        idle.map(
          (socket) =>
            new Promise<void>((resolve) => {
              socket.on('error', () => {});
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
