import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { hangUpSignal } from './tool-proxy';

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) server.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the hang-up signal of a proxied call', () => {
  it('cancels the platform call when the tool hangs up before its answer', async () => {
    // A platform that never answers; the proxy's hang-up must reach it as a closed request.
    let platformRequest!: (request: IncomingMessage) => void;
    const arrived = new Promise<IncomingMessage>((resolve) => (platformRequest = resolve));
    const platform = await listen(createServer((incoming) => platformRequest(incoming)));
    let outcome: Promise<unknown> | undefined;
    const proxy = await listen(
      createServer((_incoming, response) => {
        outcome = request(platform, { signal: hangUpSignal(response) }).then(
          () => 'answered',
          (error: unknown) => error,
        );
      }),
    );
    const tool = get(proxy);
    tool.on('error', () => {});
    const upstream = await arrived;
    const closed = new Promise((resolve) => upstream.once('close', resolve));
    tool.destroy();
    await closed;
    expect(await outcome).toMatchObject({ name: 'AbortError' });
  });

  it('stays quiet once the answer is written', async () => {
    let signal: ReturnType<typeof hangUpSignal> | undefined;
    const proxy = await listen(
      createServer((_incoming, response) => {
        signal = hangUpSignal(response);
        response.end('done');
      }),
    );
    const body = await new Promise<string>((resolve) =>
      get(proxy, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () => resolve(Buffer.concat(parts).toString()));
      }),
    );
    expect(body).toBe('done');
    await new Promise((resolve) => setImmediate(resolve));
    expect(signal!.aborted).toBe(false);
  });
});
