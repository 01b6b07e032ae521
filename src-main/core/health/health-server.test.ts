import { afterEach, describe, expect, it } from 'vitest';
import {
  bodyReader,
  manualReceiptClock,
  postHeaders,
} from '../../../test/support/manual-receipt-clock';
import { capturingLogger } from '../../../test/support/test-host';
import { RECEIPT_CHECK_MS, RECEIPT_GRACE_MS } from '../receipt-deadline';
import { startHealthServer, type HealthServer } from './health-server';
import type { HealthService } from './health-service';
import type { Metrics } from './metrics';

/** /v1 is what is under test: the health document and metrics are never asked for here. */
const unused = {} as HealthService & Metrics;

describe('the health server with /v1 mounted', () => {
  let server: HealthServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it('cuts a /v1 body that stops coming at the body-rate deadline (it has no fixed one)', async () => {
    const time = manualReceiptClock();
    const reader = bodyReader();
    server = await startHealthServer({
      health: unused,
      metrics: unused,
      port: 0,
      tokenSha256: () => null,
      log: capturingLogger(),
      tools: reader.handle,
      receiptClock: time.clock,
    });
    const { socket } = await postHeaders(server.port, '/v1/accounts/a/token', 100);
    try {
      socket.write('{');
      const request = await reader.arrived();
      await reader.consumed(1);
      time.step(RECEIPT_GRACE_MS / RECEIPT_CHECK_MS);
      expect(request.socket.destroyed).toBe(false);
      time.step();
      expect(request.socket.destroyed).toBe(true);
    } finally {
      socket.destroy();
    }
  });
});
