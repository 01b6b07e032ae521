import { connect } from 'node:net';
import { setImmediate as tick } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_EVENT_STREAMS, MAX_STREAM_BUFFER_BYTES } from '../../src-main/serve/api-routes';
import { httpRequest, openEventStream } from '../support/http-client';
import { eventSource, serve, sessionAuth } from '../support/serve-fixture';

/** Waits, in bounded steps, until `done()` holds; false if it never did. */
async function eventually(done: () => boolean, rounds = 500): Promise<boolean> {
  for (let i = 0; i < rounds && !done(); i++) await new Promise((r) => setTimeout(r, 10));
  return done();
}

describe('serve-mode event streams', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let source: ReturnType<typeof eventSource>;
  let auth: { Authorization: string };
  const open = () =>
    openEventStream(server.port, '/api/events', {
      ...auth,
      Host: `127.0.0.1:${server.port}`,
    });

  beforeEach(async () => {
    source = eventSource();
    server = await serve(source.core);
    auth = await sessionAuth(server);
  });
  afterEach(async () => {
    await server.close();
  });

  it(`caps open streams at ${MAX_EVENT_STREAMS} with 503 too_many_streams, and frees a place when one closes`, async () => {
    const streams = Array.from({ length: MAX_EVENT_STREAMS }, open);
    expect(await Promise.all(streams.map((stream) => stream.ready))).toEqual(
      streams.map(() => 200),
    );
    const over = open();
    expect(await over.ready).toBe(503);
    over.close();
    const refused = await httpRequest(server.port, {
      path: '/api/events',
      headers: { ...auth, Host: `127.0.0.1:${server.port}` },
    });
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body).error.code).toBe('too_many_streams');
    expect(refused.headers['retry-after']).toBe('5');
    // Other calls still work while the streams are full.
    expect(
      (await httpRequest(server.port, { path: '/', headers: { Host: `127.0.0.1:${server.port}` } }))
        .status,
    ).toBe(200);
    streams[0]!.close();
    expect(await eventually(() => source.listeners() === MAX_EVENT_STREAMS - 1)).toBe(true);
    const again = open();
    expect(await again.ready).toBe(200);
    for (const stream of [...streams, again]) stream.close();
  });

  it('ends a stream whose page stops reading once its queue passes the limit; a reading page keeps up', async () => {
    const reader = open();
    expect(await reader.ready).toBe(200);
    // A page that sends its request and then never reads a byte.
    const stalled = connect(server.port, '127.0.0.1');
    stalled.on('error', () => {});
    stalled.write(
      `GET /api/events HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: ${auth.Authorization}\r\n\r\n`,
    );
    stalled.pause();
    expect(await eventually(() => source.listeners() === 2)).toBe(true);

    const payload = { blob: 'x'.repeat(128 * 1024) };
    let sent = 0;
    // Bounded: far more than the limit plus every kernel buffer on the way.
    while (source.listeners() === 2 && sent < 400) {
      source.emit('test.big', payload);
      sent += 1;
      expect((await reader.next()).payload).toEqual(payload);
      await tick();
    }
    expect(source.listeners()).toBe(1);
    expect(sent * 128 * 1024).toBeGreaterThan(MAX_STREAM_BUFFER_BYTES);
    // The reading page is still subscribed and still hears everything.
    source.emit('test.small', { n: 1 });
    expect(await reader.next()).toEqual({ event: 'test.small', payload: { n: 1 } });
    reader.close();
    stalled.destroy();
  });
});
