import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../../src-shared/errors';
import { httpRequest, overConnectionCap } from '../../../test/support/http-client';
import { capturingLogger } from '../../../test/support/test-host';
import type { CallbackPage } from './callback-page';
import {
  startCallbackListener,
  type CallbackListener,
  type StrayReason,
} from './loopback-listener';

/** The listener's own connection budget as documented, written out so a changed constant fails here. */
const CALLBACK_MAX_CONNECTIONS = 16;
const STATE = 'state-0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

describe('the one-shot loopback listener', () => {
  let listener: CallbackListener | null = null;
  const seen: URLSearchParams[] = [];
  const strays: StrayReason[] = [];
  afterEach(async () => {
    await listener?.close();
    listener = null;
    seen.length = 0;
    strays.length = 0;
  });

  async function start(page: Partial<CallbackPage> = {}, port = 0, portPrefixedState = false) {
    listener = await startCallbackListener({
      port,
      portSetting: 'the X redirect port',
      path: '/callback',
      state: STATE,
      portPrefixedState,
      log: capturingLogger(),
      onStray: (reason) => strays.push(reason),
      onCallback: async (params) => {
        seen.push(params);
        return { status: 200, ok: true, title: 'Connected', message: 'done', ...page };
      },
    });
    return listener;
  }
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    httpRequest(listener!.port, {
      method,
      path,
      headers: { Host: `127.0.0.1:${listener!.port}`, ...headers },
    });

  it('binds 127.0.0.1 on a free port and names its exact redirect URI', async () => {
    const { port, redirectUri } = await start();
    expect(port).toBeGreaterThan(0);
    expect(redirectUri).toBe(`http://127.0.0.1:${port}/callback`);
  });

  it('through a relay, expects the state to begin with its own port and a dot', async () => {
    const { port, state } = await start({}, 0, true);
    expect(state).toBe(`${port}.${STATE}`);
    const refused = [
      await get(`/callback?code=evil&state=${STATE}`),
      await get(`/callback?code=evil&state=${port + 1}.${STATE}`),
    ];
    expect(refused.map((answer) => answer.status)).toEqual([400, 400]);
    expect(seen).toHaveLength(0);
    expect((await get(`/callback?code=good&state=${port}.${STATE}`)).status).toBe(200);
    expect(seen.map((params) => params.get('code'))).toEqual(['good']);
  });

  it('ignores stray requests (wrong or missing state, path, method, Host, size) and still takes the real callback', async () => {
    await start();
    const answers = [
      await get('/callback?code=evil&state=not-the-state'),
      await get('/callback?code=evil'),
      await get(`/callback/other?code=evil&state=${STATE}`),
      await get(`/?code=evil&state=${STATE}`),
      await get(`/callback?code=evil&state=${STATE}`, {}, 'POST'),
      await get(`/callback?code=evil&state=${STATE}`, { Host: `evil.example:${listener!.port}` }),
      await get(`/callback?state=${STATE}&pad=${'a'.repeat(5000)}`),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 404, 404, 405, 403, 414]);
    expect(strays).toEqual(['state', 'state', 'path', 'path', 'method', 'host', 'too_long']);
    expect(seen).toHaveLength(0);
    const real = await get(`/callback?code=good&state=${STATE}`);
    expect(real.status).toBe(200);
    expect(seen.map((params) => params.get('code'))).toEqual(['good']);
  });

  it('takes one callback, then closes: a replay finds nobody listening', async () => {
    await start();
    expect((await get(`/callback?code=one&state=${STATE}`)).status).toBe(200);
    await expect(get(`/callback?code=two&state=${STATE}`)).rejects.toThrow(/ECONNREFUSED/);
    expect(seen).toHaveLength(1);
  });

  it('answers a replay that arrives while the first callback is still being handled, without handling it', async () => {
    let release!: () => void;
    listener = await startCallbackListener({
      port: 0,
      portSetting: 'port',
      path: '/callback',
      state: STATE,
      log: capturingLogger(),
      onStray: (reason) => strays.push(reason),
      onCallback: async (params) => {
        seen.push(params);
        await new Promise<void>((resolve) => (release = resolve));
        return { status: 200, ok: true, title: 'Connected', message: 'done' };
      },
    });
    const first = get(`/callback?code=one&state=${STATE}`);
    await expect.poll(() => seen.length).toBe(1);
    const replay = await get(`/callback?code=two&state=${STATE}`);
    expect(replay.status).toBe(409);
    expect(strays).toEqual(['replay']);
    release();
    expect((await first).status).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it(`holds ${CALLBACK_MAX_CONNECTIONS} silent connections of its own; past that only the oldest makes room and the callback completes`, async () => {
    await start();
    const probe = await overConnectionCap(listener!.port, CALLBACK_MAX_CONNECTIONS);
    try {
      expect(probe.outcome).toBe('answered');
      await probe.oldestClosed;
      expect(await probe.askSecondOldest()).toBe('answered');
      expect((await get(`/callback?code=good&state=${STATE}`)).status).toBe(200);
      expect(seen.map((params) => params.get('code'))).toEqual(['good']);
    } finally {
      await probe.release();
    }
  });

  it('escapes what the page echoes and forbids loading anything', async () => {
    await start({ title: '<script>alert(1)</script>', message: 'a & "b"' });
    const page = await get(`/callback?code=x&state=${STATE}`);
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).toContain('a &amp; &quot;b&quot;');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('says which setting to change when its fixed port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const error = await start({}, port).catch((caught: unknown) => caught);
      expect(isAppError(error) && error.code).toBe('oauth_port_in_use');
      expect((error as Error).message).toContain(`Port ${port}`);
      expect((error as Error).message).toContain('the X redirect port');
      listener = null;
    } finally {
      blocker.close();
    }
  });
});
