import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exchangeLink, httpRequest, linkSecret } from '../support/http-client';
import { MAX_SESSIONS } from '../../src-main/serve/sessions';
import { eventSource, serve } from '../support/serve-fixture';

/** The printed link is single-use: it buys one session cookie, which then does all the work. */
describe('serve-mode sessions', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  const appInfo = (cookie: string) =>
    httpRequest(server.port, {
      method: 'POST',
      path: '/api/app.info',
      headers: {
        Host: `127.0.0.1:${server.port}`,
        'Content-Type': 'application/json',
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: '{}',
    });

  beforeEach(async () => {
    server = await serve(eventSource().core);
  });
  afterEach(async () => {
    await server.close();
  });

  it('trades the printed secret for an HttpOnly, SameSite=Strict cookie on /api', async () => {
    const answer = await exchangeLink(server.port, linkSecret(server.pageUrl));
    expect(answer.status).toBe(200);
    const setCookie = [answer.headers['set-cookie']].flat()[0]!;
    expect(setCookie).toMatch(
      new RegExp(`^sb_session_${server.port}=[\\w-]{43}; HttpOnly; SameSite=Strict; Path=/api$`),
    );
    expect(setCookie).not.toContain(linkSecret(server.pageUrl));
    expect((await appInfo(answer.cookie)).status).toBe(200);
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
    expect(second.headers['set-cookie']).toBeUndefined();
    // A reload and a second tab send the same cookie from the browser's jar.
    expect((await appInfo(first.cookie)).status).toBe(200);
    expect((await appInfo(first.cookie)).status).toBe(200);
  });

  it('a fresh link works once, and replaces a link that was never used', async () => {
    const unused = linkSecret(server.pageUrl);
    const fresh = linkSecret(server.newPageUrl());
    expect(fresh).not.toBe(unused);
    expect((await exchangeLink(server.port, unused)).status).toBe(401);
    const answer = await exchangeLink(server.port, fresh);
    expect(answer.status).toBe(200);
    expect((await exchangeLink(server.port, fresh)).status).toBe(401);
    expect((await appInfo(answer.cookie)).status).toBe(200);
  });

  it('sessions from different links live side by side (two browsers)', async () => {
    const one = await exchangeLink(server.port, linkSecret(server.pageUrl));
    const two = await exchangeLink(server.port, linkSecret(server.newPageUrl()));
    expect(one.cookie).not.toBe(two.cookie);
    expect((await appInfo(one.cookie)).status).toBe(200);
    expect((await appInfo(two.cookie)).status).toBe(200);
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
      expect(answer.headers['set-cookie']).toBeUndefined();
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
    expect((await appInfo(first.cookie)).status).toBe(401);
    expect((await appInfo(last.cookie)).status).toBe(200);
  });

  it('without a session every call answers 401 with the way to a new link', async () => {
    const answer = await appInfo('');
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body).error.message).toMatch(/SIGUSR1/);
  });
});
