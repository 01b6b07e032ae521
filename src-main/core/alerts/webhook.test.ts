import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountAlert } from '../../../src-shared/alerts';
import { capturingLogger } from '../../../test/support/test-host';
import { COULD_NOT_DELIVER, createWebhookSender, type WebhookOptions } from './webhook';

type Behaviour = (request: IncomingMessage, response: ServerResponse, body: string) => void;

/** A real webhook receiver on 127.0.0.1:0 that answers each request by the next behaviour. */
async function receiver(behaviours: Behaviour[]) {
  const bodies: string[] = [];
  const times: number[] = [];
  const headers: IncomingMessage['headers'][] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(body);
      times.push(Date.now());
      headers.push(request.headers);
      const behave = behaviours[Math.min(bodies.length - 1, behaviours.length - 1)]!;
      behave(request, response, body);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/hooks/s3cret-path-part`,
    bodies,
    times,
    headers,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const ok: Behaviour = (_q, r) => r.writeHead(204).end();
const fail500: Behaviour = (_q, r) => r.writeHead(500).end('down');
const hang: Behaviour = () => {};

const ALERT: AccountAlert = {
  kind: 'status',
  accountId: 'acc-1',
  platform: 'x',
  label: 'My X',
  oldStatus: 'healthy',
  newStatus: 'needs_reauth',
  reason: 'X refused the sign-in.',
  at: '2026-11-25T12:00:00.000Z',
  reauthBy: null,
};

const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

async function setup(behaviours: Behaviour[], options: Partial<WebhookOptions> = {}) {
  const server = await receiver(behaviours);
  const log = capturingLogger();
  const sender = createWebhookSender({
    url: () => server.url,
    log,
    timeoutMs: 300,
    retries: 3,
    backoffMs: (retry) => 50 * 2 ** (retry - 1),
    ...options,
  });
  closers.push(server.close, () => sender.close());
  const settled = async () => {
    const started = Date.now();
    while (sender.pending > 0 && Date.now() - started < 10_000)
      await new Promise((resolve) => setTimeout(resolve, 10));
  };
  return { server, log, sender, settled };
}

describe('alert webhook', () => {
  it('POSTs the alert as JSON with the documented fields', async () => {
    // A generous timeout: on a loaded machine 300 ms can pass before the 204 arrives, and the
    // retry would deliver the alert twice (timeouts are the hang tests' business).
    const { server, sender, settled } = await setup([ok], { timeoutMs: 5_000 });
    sender.send(ALERT);
    await settled();
    expect(server.bodies).toHaveLength(1);
    expect(JSON.parse(server.bodies[0]!)).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: 'status',
      accountId: 'acc-1',
      platform: 'x',
      label: 'My X',
      oldStatus: 'healthy',
      newStatus: 'needs_reauth',
      reason: 'X refused the sign-in.',
      at: '2026-11-25T12:00:00.000Z',
      reauthBy: null,
    });
  });

  it('retries a failing receiver with growing waits, a bounded number of times, and logs no URL path', async () => {
    const { server, sender, settled, log } = await setup([fail500]);
    sender.send(ALERT);
    await settled();
    expect(server.bodies).toHaveLength(4); // first attempt + 3 retries, then it gives up
    const gaps = server.times.slice(1).map((t, i) => t - server.times[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(45);
    expect(gaps[2]).toBeGreaterThanOrEqual(190); // 50, 100, 200 ms
    expect(log.lines.join('\n')).toMatch(/HTTP 500; 4 attempt\(s\), giving up/);
    expect(log.lines.join('\n')).not.toContain('s3cret-path-part');
  });

  it('recovers on a retry: a 503 then a 200 is one delivery', async () => {
    const { server, sender, settled, log } = await setup([fail500, ok]);
    sender.send(ALERT);
    await settled();
    expect(server.bodies).toHaveLength(2);
    expect(log.lines).toEqual([]);
  });

  it('does not retry a 4xx other than 429: the receiver refused the request itself', async () => {
    const { server, sender, settled } = await setup([(_q, r) => r.writeHead(404).end()]);
    sender.send(ALERT);
    await settled();
    expect(server.bodies).toHaveLength(1);
  });

  it('never waits for a hanging receiver: send returns at once, each attempt times out', async () => {
    const { server, sender, settled, log } = await setup([hang], { retries: 1 });
    const started = performance.now();
    for (let i = 0; i < 20; i++) sender.send(ALERT);
    expect(performance.now() - started).toBeLessThan(50);
    await settled();
    expect(server.bodies).toHaveLength(40);
    expect(log.lines.join('\n')).toMatch(/no answer in time/);
  });

  it('drops alerts beyond its bound instead of piling up', async () => {
    const { server, sender, settled, log } = await setup([hang], {
      retries: 0,
      maxPending: 3,
    });
    for (let i = 0; i < 10; i++) sender.send(ALERT);
    expect(sender.pending).toBe(3);
    await settled();
    expect(server.bodies).toHaveLength(3);
    expect(log.lines.filter((l) => l.includes('dropped'))).toHaveLength(7);
  });

  it('send test answers delivered or "could not deliver", in one attempt; the reason only in the log', async () => {
    const { server, sender, log } = await setup([fail500, hang, ok], { timeoutMs: 200 });
    const failed = { delivered: false, status: null, message: COULD_NOT_DELIVER };
    // An HTTP error, a hanging receiver and a closed port answer alike: no status, errno or port
    // to map the machine's neighbourhood with.
    expect(await sender.test(ALERT)).toEqual(failed);
    expect(await sender.test(ALERT)).toEqual(failed);
    expect(await sender.test(ALERT, 'http://127.0.0.1:1/x')).toEqual(failed);
    expect(COULD_NOT_DELIVER).not.toMatch(/ECONN|HTTP \d|127\.0\.0\.1|:\d/);
    expect(await sender.test(ALERT)).toMatchObject({ delivered: true, status: 204 });
    expect(server.bodies).toHaveLength(3);
    const logged = log.lines.join('\n');
    expect(logged).toMatch(/test at 127\.0\.0\.1:\d+ failed: HTTP 500/);
    expect(logged).toMatch(/test at 127\.0\.0\.1:1 failed: .*ECONNREFUSED/);
    expect(logged).toMatch(/no answer in time/);
  });

  it('scrubs anything token-shaped out of the reason before it leaves the machine', async () => {
    const { server, sender, settled } = await setup([ok]);
    const token = 'ya29.a0AfH6SMBx3kq9ZrT0pW8vYc2LmNn4QeRs7UuVvXx1';
    sender.send({ ...ALERT, reason: `refresh failed with access_token=${token}` });
    await settled();
    expect(server.bodies[0]).not.toContain(token);
  });

  describe('signatures', () => {
    /** Written from the documented scheme, not from webhook-signature.ts. */
    const expected = (secret: string, t: string, body: string) =>
      createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    const parse = (header: unknown) => {
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header));
      expect(match, String(header)).not.toBeNull();
      return { t: match![1]!, v1: match![2]! };
    };

    it('sends no signature while no secret is made, and says which attempt it is', async () => {
      const { server, sender, settled } = await setup([ok]);
      sender.send(ALERT);
      await settled();
      expect(server.headers[0]!['switchboard-signature']).toBeUndefined();
      expect(server.headers[0]!['switchboard-attempt']).toBe('1');
    });

    it('signs every attempt of a delivery with its own time; the id and body stay the same', async () => {
      let clock = 1_790_000_000_000;
      const { server, sender, settled } = await setup([fail500, fail500, ok], {
        signingSecret: () => 'whsec_unit',
        now: () => (clock += 61_000),
      });
      sender.send(ALERT);
      await settled();
      expect(server.bodies).toHaveLength(3);
      expect(new Set(server.bodies).size).toBe(1); // same id, same bytes
      const times = server.headers.map((headers, index) => {
        const { t, v1 } = parse(headers['switchboard-signature']);
        expect(v1).toBe(expected('whsec_unit', t, server.bodies[index]!));
        expect(headers['switchboard-attempt']).toBe(String(index + 1));
        return Number(t);
      });
      expect(times[1]! - times[0]!).toBe(61);
      expect(times[2]! - times[1]!).toBe(61);
    });

    it('a secret rolled while a delivery retries: that delivery keeps the old secret, the next alert gets the new', async () => {
      let secret = 'whsec_old';
      const { server, sender, settled } = await setup([fail500, ok], {
        signingSecret: () => secret,
        backoffMs: () => 200,
      });
      sender.send(ALERT);
      const started = Date.now();
      while (server.bodies.length < 1 && Date.now() - started < 5_000)
        await new Promise((resolve) => setTimeout(resolve, 5));
      secret = 'whsec_new'; // rolled between the first attempt and its retry
      sender.send({ ...ALERT, kind: 'test' });
      await settled();
      const byKind = (kind: string) =>
        server.bodies
          .map((body, index) => ({ body, headers: server.headers[index]! }))
          .filter(({ body }) => JSON.parse(body).kind === kind);
      const old = byKind('status');
      expect(old.map(({ headers }) => headers['switchboard-attempt'])).toEqual(['1', '2']);
      for (const { body, headers } of old) {
        const { t, v1 } = parse(headers['switchboard-signature']);
        expect(v1).toBe(expected('whsec_old', t, body));
        expect(v1).not.toBe(expected('whsec_new', t, body));
      }
      const next = byKind('test');
      expect(next).toHaveLength(1);
      const { t, v1 } = parse(next[0]!.headers['switchboard-signature']);
      expect(v1).toBe(expected('whsec_new', t, next[0]!.body));
    });

    it('a secret that cannot be read sends the alert unsigned and says so, without throwing', async () => {
      const { server, sender, settled, log } = await setup([ok], {
        signingSecret: () => {
          throw new Error('The webhook signing secret failed its integrity check');
        },
      });
      expect(() => sender.send(ALERT)).not.toThrow();
      await settled();
      expect(server.bodies).toHaveLength(1);
      expect(server.headers[0]!['switchboard-signature']).toBeUndefined();
      expect(log.lines.join('\n')).toMatch(/signing secret could not be read.*sent unsigned/);
    });
  });
});
