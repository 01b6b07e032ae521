import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { overConnectionCap } from '../../test/support/http-client';
import { capturingLogger } from '../../test/support/test-host';
import { startLoopbackServer, type LoopbackServer } from './loopback-http';

/** The documented cap (README), written out so a changed constant fails here. */
const MAX_CONNECTIONS = 128;

const answerOk = async (_request: IncomingMessage, response: ServerResponse) => {
  response.writeHead(200, { 'Content-Length': '2' });
  response.end('ok');
};

/** A socket that reports its closing; `ask` sends a GET and resolves with the first status. */
async function client(port: number) {
  const socket: Socket = await new Promise((resolve, reject) => {
    const opened = connect(port, '127.0.0.1', () => resolve(opened));
    opened.once('error', reject);
  });
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const ask = () =>
    new Promise<number>((resolve) => {
      socket.once('data', (chunk: Buffer) =>
        resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(chunk.toString())?.[1] ?? 0)),
      );
      socket.once('close', () => resolve(0));
      socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    });
  return { socket, closed, ask };
}

describe('loopback server admission', () => {
  let server: LoopbackServer | null = null;
  const sockets: Socket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.destroy();
    await server?.close();
    server = null;
  });
  const track = async (port: number) => {
    const made = await client(port);
    sockets.push(made.socket);
    return made;
  };

  it(`holds ${MAX_CONNECTIONS} silent connections; the next one is answered and only the oldest makes room`, async () => {
    server = await startLoopbackServer('test', 0, answerOk, capturingLogger());
    const probe = await overConnectionCap(server.port, MAX_CONNECTIONS);
    try {
      expect(probe.outcome).toBe('answered');
      expect(server.admission.shed()).toBe(1);
      await probe.oldestClosed;
      expect(await probe.askSecondOldest()).toBe('answered');
    } finally {
      await probe.release();
    }
  });

  it('makes room with the connection idle the longest: a finished keep-alive before a newer half-sent one', async () => {
    server = await startLoopbackServer('test', 0, answerOk, capturingLogger(), {
      maxConnections: 3,
    });
    const port = server.port;
    const keptAlive = await track(port);
    expect(await keptAlive.ask()).toBe(200);
    const halfSent = await track(port);
    halfSent.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
    const silent = await track(port);
    const first = await track(port);
    await keptAlive.closed;
    expect(await first.ask()).toBe(200);
    const second = await track(port);
    await halfSent.closed;
    expect(await second.ask()).toBe(200);
    // The silent one is now the oldest without a request; it is still held.
    expect(await silent.ask()).toBe(200);
    expect(server.admission.shed()).toBe(2);
  });

  it('never cuts a request in flight: with every place taken by one, the newcomer is refused', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let bothArrived = () => {};
    const arrived = new Promise<void>((resolve) => (bothArrived = resolve));
    let count = 0;
    server = await startLoopbackServer(
      'test',
      0,
      async (request, response) => {
        if (++count === 2) bothArrived();
        await gate;
        await answerOk(request, response);
      },
      capturingLogger(),
      { maxConnections: 2 },
    );
    const port = server.port;
    const held = [await track(port), await track(port)];
    const answers = held.map((made) => made.ask());
    await arrived;
    const late = await track(port);
    await late.closed;
    expect(server.admission.shed()).toBe(0);
    release();
    expect(await Promise.all(answers)).toEqual([200, 200]);
  });
});
