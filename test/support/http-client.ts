import { request } from 'node:http';

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
