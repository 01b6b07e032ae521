import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../src-main/core/app';
import type { ServeServer } from '../../src-main/serve/server';
import { httpRequest, linkSecret, openEventStream } from '../support/http-client';
import { serve, sessionAuth } from '../support/serve-fixture';
import { capturingLogger, memorySettingsStore, recordingHost, tempDir } from '../support/test-host';
import { describeTransportContract } from '../support/transport-contract-suite';

describeTransportContract('serve-mode HTTP', async (core) => {
  const server = await serve(core);
  const auth = await sessionAuth(server);
  const host = `127.0.0.1:${server.port}`;
  const events = openEventStream(server.port, '/api/events', { ...auth, Host: host });
  expect(await events.ready).toBe(200);
  return {
    async invoke(channel, input) {
      const response = await httpRequest(server.port, {
        method: 'POST',
        path: `/api/${channel}`,
        headers: { ...auth, 'Content-Type': 'application/json', Host: host },
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
  // A fresh core, server and write counter per test: no test depends on another having run.
  let server: ServeServer;
  let core: Core;
  let settings: ReturnType<typeof memorySettingsStore>;
  let dir: ReturnType<typeof tempDir>;
  let auth: { Authorization: string };
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

  beforeEach(async () => {
    dir = tempDir();
    settings = memorySettingsStore();
    core = await createCore({ dataDir: dir.path, metricsPort: 0 }, recordingHost(settings).host, {
      log: capturingLogger(),
    });
    server = await serve(core);
    auth = await sessionAuth(server);
  });
  afterEach(async () => {
    await server.close();
    await core.close();
    dir.remove();
  });

  it('writes with a session, so the refusals below prove something', async () => {
    expect((await call(auth)).status).toBe(200);
    expect(settings.writes).toBe(1);
  });

  it('refuses a call without a session, and the handler never runs', async () => {
    const response = await call({});
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(settings.writes).toBe(0);
  });

  it('refuses a wrong session, a prefix of the right one, and the right one in another form', async () => {
    const value = auth.Authorization.slice('Bearer '.length);
    for (const header of [
      'Bearer nope',
      `Bearer ${value.slice(0, -1)}`,
      `Bearer ${value}x`,
      `Basic ${value}`,
      `bearer${value}`,
      value,
    ]) {
      expect((await call({ Authorization: header })).status, header).toBe(401);
    }
    expect(settings.writes).toBe(0);
  });

  it('accepts the session header beside unrelated cookies (another 127.0.0.1 service sets its own)', async () => {
    const response = await call({ ...auth, Cookie: 'theme=dark; sid=other-app' }, '{}');
    expect(response.status).toBe(200);
  });

  it('refuses the printed secret as a bearer token: it only buys a session', async () => {
    const response = await call({ Authorization: `Bearer ${linkSecret(server.pageUrl)}` });
    expect(response.status).toBe(401);
    expect(settings.writes).toBe(0);
  });

  it('refuses a foreign Host on the real port (DNS rebinding) even with a session', async () => {
    const port = server.port;
    for (const host of [
      `evil.example:${port}`,
      'evil.example',
      `127.0.0.1.evil.example:${port}`,
      `localhost.evil.example:${port}`,
      `0.0.0.0:${port}`,
      `[::1]:${port}`,
      `127.0.0.2:${port}`,
      '127.0.0.1:1',
    ]) {
      const response = await call({ ...auth, Host: host });
      expect(response.status, host).toBe(403);
      expect(JSON.parse(response.body).error.code).toBe('forbidden_host');
    }
    const page = await httpRequest(port, { path: '/', headers: { Host: `evil.example:${port}` } });
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

  it('refuses other origins and sites even with the session', async () => {
    const foreign = await call({ ...auth, Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('forbidden_origin');
    // A page on another 127.0.0.1 port is "same-site": its Origin and Sec-Fetch-Site give it away.
    const otherPort = await call({ ...auth, Origin: `http://127.0.0.1:${server.port + 1}` });
    expect(otherPort.status).toBe(403);
    for (const site of ['cross-site', 'same-site', 'none']) {
      const response = await call({ ...auth, 'Sec-Fetch-Site': site });
      expect(response.status, site).toBe(403);
      expect(JSON.parse(response.body).error.code).toBe('forbidden_origin');
    }
    const stream = openEventStream(server.port, '/api/events', {
      ...auth,
      Host: `127.0.0.1:${server.port}`,
      'Sec-Fetch-Site': 'same-site',
    });
    expect(await stream.ready).toBe(403);
    stream.close();
    const own = await call(
      { ...auth, Origin: `http://127.0.0.1:${server.port}`, 'Sec-Fetch-Site': 'same-origin' },
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

  it('refuses the event stream without a session', async () => {
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
    expect(page.body).toBe('<!doctype html><title>Switchboard</title>');
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
