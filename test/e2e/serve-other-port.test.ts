import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../support/http-client';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { startServe, type ServeProcess } from './serve-process';

/** What the other port's page reports back: how each of its requests to serve mode ended. */
type Report = Record<string, string>;

/**
 * Another local program's web server on 127.0.0.1: its page calls `/api/…` on its own origin (the
 * browser attaches whatever it holds for 127.0.0.1) and tries serve mode's API directly; the
 * server keeps every request's headers, to replay them as the attacker would.
 */
function otherPortServer(servePort: number) {
  const received: { url: string; headers: IncomingHttpHeaders }[] = [];
  let report: (value: Report) => void = () => {};
  const reported = new Promise<Report>((resolve) => (report = resolve));
  const target = `http://127.0.0.1:${servePort}`;
  const script = `
    const results = {};
    const attempt = async (name, run) => {
      try { results[name] = String((await run()).status); } catch (error) { results[name] = 'failed: ' + error.name; }
    };
    const json = { 'Content-Type': 'application/json' };
    (async () => {
      await attempt('own accounts.list', () => fetch('/api/accounts.list', { method: 'POST', credentials: 'include', headers: json, body: '{}' }));
      await attempt('own events', () => fetch('/api/events', { credentials: 'include' }));
      await attempt('direct accounts.list', () => fetch('${target}/api/accounts.list', { method: 'POST', credentials: 'include', headers: json, body: '{}' }));
      await attempt('direct tools.create (no-cors)', () => fetch('${target}/api/tools.create', { method: 'POST', mode: 'no-cors', credentials: 'include', body: JSON.stringify({ name: 'stolen', accounts: 'all', rights: ['token', 'proxy'] }) }));
      await attempt('direct events', () => fetch('${target}/api/events', { credentials: 'include' }));
      await fetch('/report', { method: 'POST', body: JSON.stringify(results) });
    })();`;
  const server: Server = createServer((request, response) => {
    received.push({ url: request.url ?? '', headers: request.headers });
    if (request.url === '/') {
      response.writeHead(200, { 'Content-Type': 'text/html' });
      response.end(`<!doctype html><title>other program</title><script>${script}</script>`);
      return;
    }
    if (request.url === '/report') {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => report(JSON.parse(body) as Report));
    }
    // Answer like a serve mode would, so the page has no reason to stop early.
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{"ok":true,"value":[]}');
  });
  return { server, received, reported };
}

/** Item 1 of issue 15: cookies ignore ports, so no credential of serve mode may be a cookie. */
describe('serve mode against a page on another 127.0.0.1 port', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let creator: Page;
  let dataDir: ReturnType<typeof tempDir>;
  let other: ReturnType<typeof otherPortServer>;
  let otherPort: number;

  const callServe = (channel: string, headers: Record<string, string>, body = '{}') =>
    httpRequest(serve.port, {
      method: 'POST',
      path: `/api/${channel}`,
      headers: { ...headers, Host: `127.0.0.1:${serve.port}`, 'Content-Type': 'application/json' },
      body,
    });

  beforeAll(async () => {
    dataDir = tempDir();
    serve = await startServe(['--port', '0', '--metrics-port', '0', '--data-dir', dataDir.path]);
    other = otherPortServer(serve.port);
    await new Promise<void>((resolve) => other.server.listen(0, '127.0.0.1', resolve));
    otherPort = (other.server.address() as AddressInfo).port;
    browser = await launchChromium();
    context = await browser.newContext();
    creator = await context.newPage();
    await creator.goto(serve.pageUrl);
    await creator.getByText('No accounts connected yet').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => other?.server.close(resolve));
    await serve?.stop();
    dataDir?.remove();
  });

  it('the creator holds a working session, so the refusals below prove something', async () => {
    const token = await creator.evaluate(() => sessionStorage.getItem('switchboard.session'));
    expect(token).toMatch(/^[\w-]{43}$/);
    const accounts = await callServe('accounts.list', { Authorization: `Bearer ${token}` });
    expect(accounts.status).toBe(200);
  });

  it('the other page receives nothing that authenticates, and cannot call serve mode', async () => {
    // In the creator's own browser, as a redirect from any web page would send it there.
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${otherPort}/`);
    const report = await other.reported;
    await page.close();

    // Its calls straight to serve mode are refused or unreadable, and created nothing.
    expect(report['direct accounts.list']).toMatch(/^failed: TypeError$/);
    expect(report['direct events']).toMatch(/^failed: TypeError$/);
    expect(report['direct tools.create (no-cors)']).toBe('0');
    expect(await context.cookies()).toEqual([]);

    // What reached the other port's server: no cookie, no Authorization, no session token.
    const token = await creator.evaluate(() => sessionStorage.getItem('switchboard.session'));
    expect(token).toMatch(/^[\w-]{43}$/);
    const ownApi = other.received.filter(({ url }) => url.startsWith('/api/'));
    expect(ownApi.map(({ url }) => url)).toEqual(['/api/accounts.list', '/api/events']);
    for (const { headers } of other.received) {
      expect(headers.cookie).toBeUndefined();
      expect(headers.authorization).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(token);
    }

    // Replaying every header it received buys nothing on serve mode.
    for (const { headers } of ownApi) {
      const replay = Object.fromEntries(
        Object.entries(headers).filter(
          (entry): entry is [string, string] =>
            typeof entry[1] === 'string' && !['host', 'content-length'].includes(entry[0]),
        ),
      );
      for (const channel of ['accounts.list', 'tools.create']) {
        const answer = await callServe(
          channel,
          { ...replay, Origin: `http://127.0.0.1:${serve.port}`, 'Sec-Fetch-Site': 'same-origin' },
          JSON.stringify({ name: 'stolen', accounts: 'all', rights: ['token', 'proxy'] }),
        );
        expect(answer.status, channel).toBe(401);
        expect(JSON.parse(answer.body).error.code).toBe('unauthorized');
      }
    }
    const tools = await callServe('tools.list', { Authorization: `Bearer ${token}` });
    expect(JSON.parse(tools.body)).toEqual({ ok: true, value: [] });
  });
});
