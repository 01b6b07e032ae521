import { afterEach, describe, expect, it } from 'vitest';
import {
  bodyReader,
  manualReceiptClock,
  postHeaders,
} from '../../test/support/manual-receipt-clock';
import { capturingLogger } from '../../test/support/test-host';
import { startLoopbackServer, type LoopbackServer } from './loopback-http';
import { RECEIPT_CHECK_MS } from './receipt-deadline';

// The documented figures (README, "The local API"), written out so that changing a constant
// without changing what the creator was told fails here.
const RECEIPT_GRACE_MS = 10_000;
const MIN_BODY_BYTES_PER_SECOND = 4 * 1024;
const BODY_STALL_MS = 10_000;

const GRACE_STEPS = RECEIPT_GRACE_MS / RECEIPT_CHECK_MS;
const STALL_STEPS = BODY_STALL_MS / RECEIPT_CHECK_MS;
/** Bytes per check interval at the minimum pace. */
const PACE = (MIN_BODY_BYTES_PER_SECOND * RECEIPT_CHECK_MS) / 1000;
const BIG = 10 * 1024 * 1024;

describe('the body-rate request deadline', () => {
  let server: LoopbackServer | null = null;
  const closers: (() => void)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) close();
    await server?.close();
    server = null;
  });

  async function start(options: { readAtOnce?: boolean } = {}) {
    const time = manualReceiptClock();
    const reader = bodyReader(options);
    server = await startLoopbackServer('test', 0, reader.handle, capturingLogger(), {
      requestTimeoutMs: 'body-rate',
      receiptClock: time.clock,
    });
    const post = async (length: number) => {
      const client = await postHeaders(server!.port, '/', length);
      closers.push(() => client.socket.destroy());
      const request = await reader.arrived();
      return { ...client, request };
    };
    return { time, reader, post };
  }

  it(`cuts a body that never comes once ${RECEIPT_GRACE_MS} ms have passed, not before`, async () => {
    const { time, post } = await start();
    const { request } = await post(100);
    time.step(GRACE_STEPS);
    expect(request.socket.destroyed).toBe(false);
    time.step();
    expect(request.socket.destroyed).toBe(true);
  });

  it(`lets a body at ${MIN_BODY_BYTES_PER_SECOND} bytes/s run on for as long as it flows`, async () => {
    const { time, reader, post } = await start();
    const steps = 3 * GRACE_STEPS;
    const { socket, status, request } = await post(steps * PACE);
    for (let i = 1; i <= steps; i += 1) {
      socket.write(Buffer.alloc(PACE, 'a'));
      await reader.consumed(i * PACE);
      time.step();
      expect(request.socket.destroyed, `step ${i}`).toBe(false);
    }
    expect(await status).toBe(200);
  });

  it('cuts a body at half the minimum pace when its allowance runs out, not before', async () => {
    const { time, reader, post } = await start();
    const { socket, request } = await post(BIG);
    // Allowed: the grace plus half a step per step, so it runs out after twice the grace.
    const lasts = 2 * GRACE_STEPS;
    for (let i = 1; i <= lasts + 1; i += 1) {
      socket.write(Buffer.alloc(PACE / 2, 'a'));
      await reader.consumed((i * PACE) / 2);
      time.step();
      expect(request.socket.destroyed, `step ${i}`).toBe(i > lasts);
    }
  });

  it(`cuts a pause over ${BODY_STALL_MS} ms even after a fast start`, async () => {
    const { time, reader, post } = await start();
    const { socket, request } = await post(BIG);
    // A minute's worth of allowance, sent at once.
    const burst = 60 * MIN_BODY_BYTES_PER_SECOND;
    socket.write(Buffer.alloc(burst, 'a'));
    await reader.consumed(burst);
    time.step();
    time.step(STALL_STEPS);
    expect(request.socket.destroyed).toBe(false);
    time.step();
    expect(request.socket.destroyed).toBe(true);
  });

  it('does not count time the server spends not reading against the sender', async () => {
    const { time, reader, post } = await start({ readAtOnce: false });
    const sent = 256 * 1024;
    const { socket, status, request } = await post(sent + 2);
    socket.write(Buffer.alloc(sent, 'a'));
    while (request.readableLength === 0) await new Promise((resolve) => setImmediate(resolve));
    time.step(10 * GRACE_STEPS);
    expect(request.socket.destroyed).toBe(false);
    reader.startReading();
    await reader.consumed(sent);
    socket.write('ab');
    expect(await status).toBe(200);
  });

  it('stops checking once the body is whole', async () => {
    const { time, reader, post } = await start();
    const { socket, status } = await post(4);
    expect(time.running()).toBe(1);
    socket.write('abcd');
    expect(await status).toBe(200);
    await reader.consumed(4);
    time.step();
    expect(time.running()).toBe(0);
  });
});
