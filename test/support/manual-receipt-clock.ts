import { connect, type Socket } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RECEIPT_CHECK_MS, type ReceiptClock } from '../../src-main/core/receipt-deadline';

/** A receipt clock the test moves: `step()` is one check interval gone by. */
export function manualReceiptClock() {
  let now = 0;
  const ticks = new Set<() => void>();
  const clock: ReceiptClock = {
    now: () => now,
    every: (_ms, tick) => {
      ticks.add(tick);
      return () => ticks.delete(tick);
    },
  };
  return {
    clock,
    step(times = 1) {
      for (let i = 0; i < times; i += 1) {
        now += RECEIPT_CHECK_MS;
        for (const tick of [...ticks]) tick();
      }
    },
    /** Deadlines still being checked. */
    running: () => ticks.size,
  };
}

/**
 * A handler that keeps the requests it gets, reads their bodies (unless told to wait) and answers
 * 200 once one is whole; `consumed(n)` resolves once it has read `n` body bytes in all.
 */
export function bodyReader(options: { readAtOnce?: boolean } = {}) {
  const requests: IncomingMessage[] = [];
  let total = 0;
  const waiters: { bytes: number; resolve: () => void }[] = [];
  const arrivals: (() => void)[] = [];
  const startReading: (() => void)[] = [];
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    requests.push(request);
    for (const arrived of arrivals.splice(0)) arrived();
    if (options.readAtOnce === false) await new Promise<void>((go) => startReading.push(go));
    for await (const chunk of request) {
      total += (chunk as Buffer).length;
      for (const waiter of waiters.filter((w) => total >= w.bytes)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
    response.writeHead(200, { 'Content-Length': '2' });
    response.end('ok');
  };
  return {
    handle,
    requests,
    arrived: () =>
      new Promise<IncomingMessage>((resolve) => {
        if (requests.length > 0) resolve(requests.at(-1)!);
        else arrivals.push(() => resolve(requests.at(-1)!));
      }),
    consumed: (bytes: number) =>
      total >= bytes
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ bytes, resolve })),
    startReading: () => {
      for (const go of startReading.splice(0)) go();
    },
  };
}

/** Opens a raw connection and sends a POST's headers declaring `length` body bytes. */
export async function postHeaders(port: number, path: string, length: number, extra = '') {
  const socket: Socket = await new Promise((resolve, reject) => {
    const opened = connect(port, '127.0.0.1', () => resolve(opened));
    opened.once('error', reject);
  });
  socket.on('error', () => {});
  let text = '';
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const status = new Promise<number>((resolve) => {
    socket.on('data', () => {
      const code = /^HTTP\/1\.1 (\d{3})/.exec(text)?.[1];
      if (code) resolve(Number(code));
    });
    socket.once('close', () => resolve(0));
  });
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: ${length}\r\n${extra}\r\n`,
  );
  return { socket, status };
}
