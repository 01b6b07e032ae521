import { connect, type Socket } from 'node:net';

/** Connections a flood opens: the figure, well past every server's cap. */
export const FLOOD_SIZE = 200;

export interface SlowFlood {
  /** Flood connections the server has closed so far. */
  closed(): number;
  /** Resolves once the server has closed at least `count` of them. */
  closedAtLeast(count: number): Promise<void>;
  /** Closes every flood connection still open. */
  close(): Promise<void>;
}

const open = (port: number) =>
  new Promise<Socket>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    // The server may shed a socket before the test is done with it: that is the point.
    socket.on('error', () => {});
    socket.once('connect', () => resolve(socket));
    socket.once('close', () => resolve(socket));
  });

/**
 * A slow flood of 127.0.0.1:`port`, as a local program without any secret could send: first
 * `idle` keep-alive connections that each complete one GET of `idlePath` and then sit silent,
 * then silent connections and connections stuck half-way through their headers, `total` in all.
 * Always `close()` it in a finally block.
 */
export async function slowFlood(
  port: number,
  options: { total?: number; idle?: number; idlePath?: string } = {},
): Promise<SlowFlood> {
  const total = options.total ?? FLOOD_SIZE;
  const idle = options.idle ?? Math.floor(total * 0.3);
  const sockets: Socket[] = [];
  let closedCount = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const track = (socket: Socket) => {
    sockets.push(socket);
    const onClose = () => {
      closedCount += 1;
      for (const waiter of waiters.filter((w) => closedCount >= w.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    };
    if (socket.closed) onClose();
    else socket.once('close', onClose);
    return socket;
  };
  const flood = {
    closed: () => closedCount,
    closedAtLeast: (count: number) =>
      closedCount >= count
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ count, resolve })),
    close: () =>
      Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.closed) return resolve();
              socket.once('close', () => resolve());
              socket.destroy();
            }),
        ),
      ).then(() => undefined),
  };
  try {
    // Keep-alive ones first: each waits for its answer (or for being shed) before the rest come.
    await Promise.all(
      Array.from({ length: idle }, async () => {
        const socket = track(await open(port));
        if (socket.closed) return;
        await new Promise<void>((resolve) => {
          socket.once('data', () => resolve());
          socket.once('close', () => resolve());
          socket.write(
            `GET ${options.idlePath ?? '/'} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`,
          );
        });
      }),
    );
    await Promise.all(
      Array.from({ length: total - idle }, async (_, i) => {
        const socket = track(await open(port));
        // Every other one stops in the middle of a header line, as slowloris does.
        if (i % 2 === 0 && !socket.closed)
          socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
      }),
    );
  } catch (error) {
    await flood.close();
    throw error;
  }
  return flood;
}
