import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/app';
import { MAX_CONNECTIONS } from '../../src-main/core/loopback-http';
import { CALLBACK_MAX_CONNECTIONS } from '../../src-main/core/connect/loopback-listener';
import type { ConnectSession } from '../../src-shared/connect';
import { driveConsent } from '../support/consent-driver';
import { httpRequest } from '../support/http-client';
import { serve, sessionAuth } from '../support/serve-fixture';
import { FLOOD_SIZE, slowFlood, type SlowFlood } from '../support/slow-flood';
import { startToolsHarness, type ToolsHarness } from '../support/tools-harness';

/** A core stand-in whose app.info answers, so the honest call has something to read. */
const infoCore = {
  dispatch: async (channel: string) =>
    channel === 'app.info'
      ? { ok: true as const, value: { productName: 'Switchboard' } }
      : { ok: true as const, value: null },
  subscribe: () => () => {},
} as unknown as Pick<Core, 'dispatch' | 'subscribe'>;

/** Requests one tool key may have in flight, as documented (README); written out on purpose. */
const MAX_REQUESTS_PER_KEY = 8;

const json = (body: string) => JSON.parse(body) as { error?: { code: string } };

/** Floods `port` and waits until the server has made room: it now holds exactly its cap. */
async function floodToCap(port: number, cap: number, idlePath = '/'): Promise<SlowFlood> {
  const flood = await slowFlood(port, { idlePath });
  await flood.closedAtLeast(FLOOD_SIZE - cap);
  return flood;
}

/**
 * A POST whose body is held back, sent with `Expect: 100-continue`: the server answers "100"
 * and runs its handler in the same turn, so once the 100 is here the request holds its place (or
 * was refused: then `final` is the refusal). `finish` sends the body and resolves with `final`.
 */
function heldRequest(port: number, path: string, key: string) {
  const socket: Socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  let text = '';
  // First among the listeners, so the others read the text with this chunk in it.
  socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const statuses = () => [...text.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
  const continued = new Promise<number>((resolve) => {
    socket.on('data', () => resolve(statuses()[0] ?? 0));
    socket.once('close', () => resolve(0));
  });
  const final = new Promise<number>((resolve) => {
    socket.on('data', () => {
      const status = statuses().find((code) => code !== 100);
      if (status !== undefined) resolve(status);
    });
    socket.once('close', () => resolve(0));
  });
  socket.write(
    `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${key}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n',
  );
  return {
    continued,
    finish: () => {
      socket.write('{}');
      return final;
    },
    socket,
  };
}

describe('loopback servers under a 200-connection slow flood', () => {
  let t: ToolsHarness;
  beforeAll(async () => {
    t = await startToolsHarness(['youtube']);
  }, 60_000);
  afterAll(async () => {
    await t.close();
  });

  it("serve mode's UI server still trades a link, answers app.info and serves the page", async () => {
    const server = await serve(infoCore);
    let flood: SlowFlood | null = null;
    try {
      flood = await floodToCap(server.port, MAX_CONNECTIONS);
      const auth = await sessionAuth(server);
      const info = await httpRequest(server.port, {
        method: 'POST',
        path: '/api/app.info',
        headers: {
          Host: `127.0.0.1:${server.port}`,
          'Content-Type': 'application/json',
          ...auth,
        },
        body: '{}',
      });
      expect(info.status).toBe(200);
      expect(JSON.parse(info.body)).toEqual({ ok: true, value: { productName: 'Switchboard' } });
      const page = await httpRequest(server.port, {
        path: '/',
        headers: { Host: `127.0.0.1:${server.port}` },
      });
      expect(page.body).toContain('<title>Switchboard</title>');
    } finally {
      await flood?.close();
      await server.close();
    }
  });

  it('the health server still answers /health, /metrics and /v1', async () => {
    const { key } = await t.createKey({ name: 'flood-honest' });
    let flood: SlowFlood | null = null;
    try {
      flood = await floodToCap(t.port, MAX_CONNECTIONS, '/health');
      expect((await t.call('GET', '/health', null)).status).toBe(200);
      expect((await t.call('GET', '/metrics', null)).status).toBe(200);
      const accounts = await t.call('GET', '/v1/accounts', key);
      expect(accounts.status).toBe(200);
      expect(JSON.parse(accounts.body).accounts).toHaveLength(1);
    } finally {
      await flood?.close();
    }
  });

  it('an X sign-in completes while its listener and the health server are both flooded', async () => {
    const floods: SlowFlood[] = [];
    try {
      const started = await t.h.call<ConnectSession>('accounts.connect', { provider: 'x' });
      floods.push(await floodToCap(t.ports.x, CALLBACK_MAX_CONNECTIONS, '/favicon.ico'));
      floods.push(await floodToCap(t.port, MAX_CONNECTIONS, '/health'));
      const page = await driveConsent(started.authorizeUrl);
      expect(page.status).toBe(200);
      const session = await t.core.connect.settled(started.connectId);
      expect(session.stage).toBe('connected');
      expect(session.account?.platform).toBe('x');
    } finally {
      for (const flood of floods) await flood.close();
    }
  });

  it(`one tool key has at most ${MAX_REQUESTS_PER_KEY} requests in flight; other keys and /health go on`, async () => {
    const greedy = await t.createKey({ name: 'greedy' });
    const other = await t.createKey({ name: 'other' });
    const path = `/v1/accounts/${t.accounts.youtube}/token`;
    const held: ReturnType<typeof heldRequest>[] = [];
    try {
      for (let i = 0; i < MAX_REQUESTS_PER_KEY; i += 1) {
        const request = heldRequest(t.port, path, greedy.key);
        held.push(request);
        expect(await request.continued, `request ${i + 1}`).toBe(100);
      }
      const refused = await t.call('POST', path, greedy.key, { body: '{}' });
      expect(refused.status).toBe(429);
      expect(json(refused.body).error?.code).toBe('tool_key_busy');
      expect(refused.headers['retry-after']).toBe('1');
      expect((await t.call('POST', path, other.key, { body: '{}' })).status).toBe(200);
      expect((await t.call('GET', '/health', null)).status).toBe(200);
      // One finishes: its place is free again.
      expect(await held[0]!.finish()).toBe(200);
      expect((await t.call('POST', path, greedy.key, { body: '{}' })).status).toBe(200);
      // Every one of the first eight held a place: each is answered once its body comes.
      for (const request of held.slice(1)) expect(await request.finish()).toBe(200);
    } finally {
      for (const request of held) request.socket.destroy();
    }
  });
});
