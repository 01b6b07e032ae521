import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app';
import { startServeServer, type ServeServer } from '../../src-main/serve/server';
import { httpRequest, openEventStream } from '../support/http-client';
import { capturingLogger, memorySettingsStore, recordingHost, tempDir } from '../support/test-host';
import { describeTransportContract } from './transport-contract-suite';

const SECRET = 'test-secret-0123456789';

function rendererFolder(): string {
  const dir = tempDir('switchboard-renderer-').path;
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

async function serve(core: Pick<Core, 'dispatch' | 'subscribe'>): Promise<ServeServer> {
  return startServeServer({
    core,
    rendererDir: rendererFolder(),
    port: 0,
    secret: SECRET,
    log: capturingLogger(),
  });
}

describeTransportContract('serve-mode HTTP', async (core) => {
  const server = await serve(core);
  const auth = { Authorization: `Bearer ${SECRET}` };
  const events = openEventStream(server.port, '/api/events', auth);
  expect(await events.ready).toBe(200);
  return {
    async invoke(channel, input) {
      const response = await httpRequest(server.port, {
        method: 'POST',
        path: `/api/${channel}`,
        headers: { ...auth, 'Content-Type': 'application/json', Host: `127.0.0.1:${server.port}` },
        body: JSON.stringify(input),
      });
      return JSON.parse(response.body);
    },
    nextEvent: () => events.next(),
    close: async () => {
      events.close();
      await server.close();
    },
  };
});

describe('serve-mode HTTP refusals', () => {
  let server: ServeServer;
  let core: Core;
  let settings: ReturnType<typeof memorySettingsStore>;
  let dir: ReturnType<typeof tempDir>;
  const call = (
    headers: Record<string, string>,
    body = '{"metricsPort":9100}',
    path = '/api/settings.update',
  ) =>
    httpRequest(server.port, {
      method: 'POST',
      path,
      headers: { 'Content-Type': 'application/json', Host: `127.0.0.1:${server.port}`, ...headers },
      body,
    });
  const auth = { Authorization: `Bearer ${SECRET}` };

  beforeAll(async () => {
    dir = tempDir();
    settings = memorySettingsStore();
    core = await createCore({ dataDir: dir.path, metricsPort: 0 }, recordingHost(settings).host, {
      log: capturingLogger(),
    });
    server = await serve(core);
  });
  afterAll(async () => {
    await server.close();
    await core.close();
    dir.remove();
  });

  it('refuses a call without the secret, and the handler never runs', async () => {
    const response = await call({});
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(settings.writes).toBe(0);
  });

  it('refuses a wrong secret, including one that is a prefix of the right one', async () => {
    for (const secret of ['nope', SECRET.slice(0, -1), `${SECRET}x`]) {
      const response = await call({ Authorization: `Bearer ${secret}` });
      expect(response.status).toBe(401);
    }
    expect(settings.writes).toBe(0);
  });

  it('refuses a foreign Host (DNS rebinding) even with the secret', async () => {
    for (const host of ['evil.example', `evil.example:${0}`, '127.0.0.1:1', `0.0.0.0:${1}`]) {
      const response = await call({ ...auth, Host: host });
      expect(response.status).toBe(403);
      expect(JSON.parse(response.body).error.code).toBe('forbidden_host');
    }
    const page = await httpRequest(server.port, { path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
    expect(settings.writes).toBe(0);
  });

  it('accepts localhost:<port> as well as 127.0.0.1:<port>', async () => {
    const response = await call(
      { ...auth, Host: `localhost:${server.port}` },
      '{}',
      '/api/app.info',
    );
    expect(response.status).toBe(200);
  });

  it('refuses cross-origin requests even with the secret', async () => {
    const foreign = await call({ ...auth, Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('forbidden_origin');
    const crossSite = await call({ ...auth, 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    const own = await call(
      { ...auth, Origin: `http://127.0.0.1:${server.port}` },
      '{}',
      '/api/app.info',
    );
    expect(own.status).toBe(200);
    expect(settings.writes).toBe(0);
  });

  it('answers an invalid payload with 400 invalid_input', async () => {
    const badJson = await call(auth, '{"metricsPort":');
    expect(badJson.status).toBe(400);
    expect(JSON.parse(badJson.body).error.code).toBe('invalid_input');
    const badShape = await call(auth, '{"metricsPort":"ninety"}');
    expect(badShape.status).toBe(400);
    expect(settings.writes).toBe(0);
  });

  it('refuses a body that is not JSON-typed (it would dodge the CORS preflight)', async () => {
    const response = await call({ ...auth, 'Content-Type': 'text/plain' });
    expect(response.status).toBe(400);
    expect(settings.writes).toBe(0);
  });

  it('refuses oversized bodies with 413', async () => {
    const response = await call(auth, JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe('payload_too_large');
  });

  it('answers unknown channels with 404 and wrong methods with 405', async () => {
    expect((await call(auth, '{}', '/api/nope')).status).toBe(404);
    const get = await httpRequest(server.port, {
      path: '/api/app.info',
      headers: { ...auth, Host: `127.0.0.1:${server.port}` },
    });
    expect(get.status).toBe(405);
  });

  it('refuses the event stream without the secret', async () => {
    const stream = openEventStream(server.port, '/api/events', {
      Host: `127.0.0.1:${server.port}`,
    });
    expect(await stream.ready).toBe(401);
    stream.close();
  });

  it('serves the renderer with its security headers, and nothing outside it', async () => {
    const host = { Host: `127.0.0.1:${server.port}` };
    const page = await httpRequest(server.port, { path: '/', headers: host });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await httpRequest(server.port, { path: '/assets/app.js', headers: host })).status).toBe(
      200,
    );
    for (const path of [
      '/../package.json',
      '/assets/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/x%00.js',
    ]) {
      const response = await httpRequest(server.port, { path, headers: host });
      expect(response.status, path).toBe(404);
    }
  });
});
