import type { IncomingMessage } from 'node:http';

/**
 * Time any request has to send its body before its pace is judged: the 10 s every other
 * loopback request gets whole. A tool on the same machine sends a JSON body in milliseconds.
 */
export const RECEIPT_GRACE_MS = 10_000;

/**
 * Slowest average pace a body may arrive at once the grace is spent. The sender is a program on
 * this machine: only a tool relaying from a slow source of its own comes near this, while a
 * trickle (a byte every few seconds, which used to hold a connection for ever) is far below.
 * Time the server spends not reading (the platform is slow to take an upload) is not counted.
 */
export const MIN_BODY_BYTES_PER_SECOND = 4 * 1024;

/**
 * Longest pause inside a body, however fast it came before: a fast start must not buy a
 * connection hours of silence. (It was 60 s of silence, renewed by every byte.)
 */
export const BODY_STALL_MS = 10_000;

/** How often a body's pace is checked: the same interval Node checks its own timeouts on. */
export const RECEIPT_CHECK_MS = 1_000;

/** Time as the deadline sees it; tests drive it by hand. */
export interface ReceiptClock {
  now(): number;
  /** Calls `tick` every `ms` until the returned function is called. */
  every(ms: number, tick: () => void): () => void;
}

export const systemReceiptClock: ReceiptClock = {
  now: () => Date.now(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    // A deadline must not keep the process alive on its own.
    timer.unref();
    return () => clearInterval(timer);
  },
};

/**
 * A whole-request deadline that holds except while body bytes flow: the request (headers
 * already in) must deliver its body within RECEIPT_GRACE_MS plus one second for every
 * MIN_BODY_BYTES_PER_SECOND received, with no pause over BODY_STALL_MS; otherwise the
 * connection is closed. An upload that keeps sending may take as long as it needs.
 */
export function guardReceipt(
  request: IncomingMessage,
  clock: ReceiptClock = systemReceiptClock,
): void {
  if (request.complete) return;
  const socket = request.socket;
  let last = clock.now();
  let lastRead = socket.bytesRead;
  let received = 0;
  let charged = 0;
  let silent = 0;
  let done = false;
  const stop = () => {
    if (done) return;
    done = true;
    cancel();
  };
  const cancel = clock.every(RECEIPT_CHECK_MS, () => {
    if (done) return;
    if (request.complete || socket.destroyed) return stop();
    const now = clock.now();
    const elapsed = now - last;
    last = now;
    // socket.bytesRead counts what arrived even though the HTTP parser, not a listener, read it.
    const read = socket.bytesRead;
    const arrived = read - lastRead;
    lastRead = read;
    received += arrived;
    if (arrived > 0) silent = 0;
    // Bytes waiting unread mean the server is the slow side: that time is not the sender's.
    if (request.readableLength > 0) return;
    charged += elapsed;
    if (arrived === 0) silent += elapsed;
    const allowed = RECEIPT_GRACE_MS + (received * 1000) / MIN_BODY_BYTES_PER_SECOND;
    if (silent > BODY_STALL_MS || charged > allowed) {
      stop();
      socket.destroy();
    }
  });
  request.once('end', stop);
  request.once('close', stop);
}
