import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchangeLink, httpRequest, linkSecret, openEventStream } from '../support/http-client';
import { MAX_SESSIONS } from '../../src-main/serve/sessions';
import { eventSource, serve } from '../support/serve-fixture';

/** The printed link is single-use: it buys one session token, which then does all the work. */
describe('serve-mode sessions', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  const call = (channel: string, headers: Record<string, string>) =>
    httpRequest(server.port, {
      method: 'POST',
      path: `/api/${channel}`,
      headers: { Host: `127.0.0.1:${server.port}`, 'Content-Type': 'application/json', ...headers },
      body: '{}',
    });
  const appInfo = (session: string) =>
    call('app.info', session ? { Authorization: `Bearer ${session}` } : {});

  beforeEach(async () => {
    server = await serve(eventSource().core);
  });
  afterEach(async () => {
    await server.close();
  });

  it('trades the printed secret for a session token in the body, and sets no cookie', async () => {
    const answer = await exchangeLink(server.port, linkSecret(server.pageUrl));
    expect(answer.status).toBe(200);
    expect(answer.session).toMatch(/^[\w-]{43}$/);
    expect(answer.session).not.toBe(linkSecret(server.pageUrl));
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.headers['cache-control']).toBe('no-store');
    expect((await appInfo(answer.session)).status).toBe(200);
  });

  // A page on another 127.0.0.1 port receives every cookie of 127.0.0.1 (cookies ignore ports),
  // so a replayed cookie, even one carrying a live token, must buy nothing.
  it('refuses the session as a cookie alone: 401 unauthorized on calls and on the event stream', async () => {
    const { session } = await exchangeLink(server.port, linkSecret(server.pageUrl));
    const cookie = `sb_session_${server.port}=${session}; sb_session=${session}; session=${session}`;
    for (const channel of ['app.info', 'accounts.list', 'tools.create']) {
      const answer = await call(channel, { Cookie: cookie });
      expect(answer.status, channel).toBe(401);
      expect(JSON.parse(answer.body).error.code, channel).toBe('unauthorized');
    }
    const stream = await httpRequest(server.port, {
      path: '/api/events',
      headers: { Host: `127.0.0.1:${server.port}`, Cookie: cookie },
    });
    expect(stream.status).toBe(401);
    expect(JSON.parse(stream.body).error.code).toBe('unauthorized');
    // The same token as the header opens both.
    expect((await appInfo(session)).status).toBe(200);
    const events = openEventStream(server.port, '/api/events', {
      Host: `127.0.0.1:${server.port}`,
      Authorization: `Bearer ${session}`,
    });
    expect(await events.ready).toBe(200);
    events.close();
  });

  it('spends the printed link on first use: a second exchange is refused, the session lives on', async () => {
    const secret = linkSecret(server.pageUrl);
    const first = await exchangeLink(server.port, secret);
    expect(first.status).toBe(200);
    const second = await exchangeLink(server.port, secret);
    expect(second.status).toBe(401);
    expect(JSON.parse(second.body).error).toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/works once.*SIGUSR1/),
    });
    expect(second.session).toBe('');
    // A reload, and a tab the page opened, send the same token from sessionStorage.
    expect((await appInfo(first.session)).status).toBe(200);
    expect((await appInfo(first.session)).status).toBe(200);
  });

  it('a fresh link works once, and replaces a link that was never used', async () => {
    const unused = linkSecret(server.pageUrl);
    const fresh = linkSecret(server.newPageUrl());
    expect(fresh).not.toBe(unused);
    expect((await exchangeLink(server.port, unused)).status).toBe(401);
    const answer = await exchangeLink(server.port, fresh);
    expect(answer.status).toBe(200);
    expect((await exchangeLink(server.port, fresh)).status).toBe(401);
    expect((await appInfo(answer.session)).status).toBe(200);
  });

  it('sessions from different links live side by side (two browsers)', async () => {
    const one = await exchangeLink(server.port, linkSecret(server.pageUrl));
    const two = await exchangeLink(server.port, linkSecret(server.newPageUrl()));
    expect(one.session).not.toBe(two.session);
    expect((await appInfo(one.session)).status).toBe(200);
    expect((await appInfo(two.session)).status).toBe(200);
  });

  it('refuses an exchange from another site, and a refused attempt does not spend the link', async () => {
    const secret = linkSecret(server.pageUrl);
    const attempts: Record<string, string>[] = [
      { Origin: 'https://evil.example' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Host: `evil.example:${server.port}` },
    ];
    for (const headers of attempts) {
      const answer = await exchangeLink(server.port, secret, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.session).toBe('');
    }
    for (const wrong of ['nope', secret.slice(0, -1), `${secret}x`]) {
      expect((await exchangeLink(server.port, wrong)).status).toBe(401);
    }
    expect((await exchangeLink(server.port, secret)).status).toBe(200);
  });

  it('takes the secret only as a JSON POST', async () => {
    const headers = {
      Host: `127.0.0.1:${server.port}`,
      Authorization: `Bearer ${linkSecret(server.pageUrl)}`,
    };
    const get = await httpRequest(server.port, { path: '/api/session', headers });
    expect(get.status).toBe(405);
    const form = await httpRequest(server.port, {
      method: 'POST',
      path: '/api/session',
      headers: { ...headers, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=b',
    });
    expect(form.status).toBe(400);
    expect((await exchangeLink(server.port, linkSecret(server.pageUrl))).status).toBe(200);
  });

  it(`keeps at most ${MAX_SESSIONS} sessions: the oldest goes first`, async () => {
    const first = await exchangeLink(server.port, linkSecret(server.pageUrl));
    let last = first;
    for (let i = 0; i < MAX_SESSIONS; i++) {
      last = await exchangeLink(server.port, linkSecret(server.newPageUrl()));
      expect(last.status).toBe(200);
    }
    expect((await appInfo(first.session)).status).toBe(401);
    expect((await appInfo(last.session)).status).toBe(200);
  });

  it('without a session every call answers 401 with the way to a new link', async () => {
    const answer = await appInfo('');
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body).error.message).toMatch(/SIGUSR1/);
  });
});
