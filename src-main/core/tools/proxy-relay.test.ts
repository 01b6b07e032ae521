import { createServer, get, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src-shared/errors';
import { relayMasked, sendMasked } from './proxy-relay';

const SECRET = 'ACCESS-TOKEN-0123456789';
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

/** A real loopback server whose answer `send` writes; resolves with the bytes a client got. */
async function fetchFrom(send: (response: ServerResponse) => Promise<void>) {
  const outcome: { error?: unknown } = {};
  const server = createServer((_request, response) => {
    response.writeHead(200);
    send(response).catch((error: unknown) => (outcome.error = error));
  });
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  const body = await new Promise<string>((resolve, reject) =>
    get({ host: '127.0.0.1', port }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve(Buffer.concat(parts).toString()));
    }).on('error', reject),
  );
  return { body, outcome };
}

describe('the proxy relay of answer bodies', () => {
  const text = `{"next":"https://graph.example/x?access_token=${SECRET}&after=1","pad":"${'x'.repeat(40)}"}`;
  const start = text.indexOf(SECRET);

  it('masks an echo wherever the chunks split it, keeping the length', async () => {
    for (let cut = start - 2; cut <= start + SECRET.length + 2; cut++) {
      const chunks = [text.slice(0, cut), text.slice(cut, cut + 3), text.slice(cut + 3)]
        .filter(Boolean)
        .map((part) => Buffer.from(part));
      const { body, outcome } = await fetchFrom((response) =>
        relayMasked(Readable.from(chunks), [SECRET], response),
      );
      expect(outcome.error).toBeUndefined();
      expect(body).not.toContain(SECRET);
      expect(body.length).toBe(text.length);
      expect(body).toBe(text.replace(SECRET, '*'.repeat(SECRET.length)));
    }
  });

  it('masks an answer read whole, and passes an answer without echoes unchanged', async () => {
    const whole = await fetchFrom((response) => sendMasked(Buffer.from(text), [SECRET], response));
    expect(whole.body).toBe(text.replace(SECRET, '*'.repeat(SECRET.length)));
    const plain = await fetchFrom((response) =>
      relayMasked(
        Readable.from([Buffer.from('plain '), Buffer.from('answer')]),
        [SECRET],
        response,
      ),
    );
    expect(plain.body).toBe('plain answer');
  });

  it('streams: the tool has the first bytes before the platform ends, and a hang-up fails it', async () => {
    const upstream = new PassThrough();
    let relayed: Promise<void> | undefined;
    const server = createServer((_request, response) => {
      response.writeHead(200);
      relayed = relayMasked(upstream, [SECRET], response);
      relayed.catch(() => {});
    });
    servers.push(server);
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const { port } = server.address() as AddressInfo;
    const first = await new Promise<{ chunk: string; hangUp: () => void }>((resolve) => {
      const req = get({ host: '127.0.0.1', port }, (res) =>
        res.once('data', (chunk: Buffer) =>
          resolve({ chunk: chunk.toString(), hangUp: () => req.destroy() }),
        ),
      );
      upstream.write(Buffer.alloc(1000, 'a'));
    });
    expect(first.chunk.length).toBeGreaterThan(0);
    first.hangUp();
    const error = await relayed!.then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(isAppError(error) && error.code).toBe('connection_lost');
    expect(upstream.destroyed).toBe(true);
  });

  it('survives the platform body failing after the tool hung up (the abort of the call)', async () => {
    const upstream = new PassThrough();
    let relayed: Promise<void> | undefined;
    const server = createServer((_request, response) => {
      response.writeHead(200);
      // As the proxy does: a hang-up aborts the platform call, which fails its body later.
      response.once('close', () => upstream.destroy(new Error('aborted')));
      relayed = relayMasked(upstream, [SECRET], response);
    });
    servers.push(server);
    await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      const req = get({ host: '127.0.0.1', port }, (res) =>
        res.once('data', () => {
          req.destroy();
          resolve();
        }),
      );
      req.on('error', () => {});
      upstream.write(Buffer.alloc(1000, 'a'));
    });
    const error = await relayed!.then(
      () => null,
      (failure: unknown) => failure,
    );
    expect(isAppError(error) && error.code).toBe('connection_lost');
    // The late 'error' of the body has a listener: an unhandled one would fail this run.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(upstream.destroyed).toBe(true);
  });
});
