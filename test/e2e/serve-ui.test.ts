import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchangeLink, httpRequest } from '../support/http-client';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { newLink, startServe, type ServeProcess } from './serve-process';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

/** The serve-mode session token a tab keeps (null when it has none). */
const sessionToken = (tab: Page) =>
  tab.evaluate(() => sessionStorage.getItem('switchboard.session'));

describe('serve mode in Chromium', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: ReturnType<typeof tempDir>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dataDir = tempDir();
    serve = await startServe(['--port', '0', '--metrics-port', '0', '--data-dir', dataDir.path]);
    browser = await launchChromium();
    // A context of its own, so further tabs are of this browser only.
    page = await (await browser.newContext()).newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(serve.pageUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    dataDir?.remove();
  });

  it('renders the app shell and hides the secret from the address bar', async () => {
    await page.getByRole('heading', { name: 'Switchboard' }).waitFor();
    expect(page.url()).not.toContain('key=');
    await expect(page.getByRole('navigation', { name: 'Main' }).textContent()).resolves.toContain(
      'Accounts',
    );
    await page.getByText('No accounts connected yet').waitFor();
    // Nothing on screen claims the connection was lost while it was starting.
    expect(await page.getByTestId('connection-banner').count()).toBe(0);
  });

  it('shows the version from package.json in the About panel', async () => {
    await page.getByRole('button', { name: 'About' }).click();
    const version = page.getByTestId('about-version');
    await version.waitFor();
    expect(await version.textContent()).toBe(pkg.version);
    expect(await page.getByTestId('about-mode').textContent()).toBe('Serve mode');
    expect(await page.getByTestId('about-data-dir').textContent()).toBe(dataDir.path);
    expect(await page.getByTestId('about-commit').textContent()).toMatch(
      /^([0-9a-f]{7,40}|unknown)$/,
    );
    mkdirSync('.test-results', { recursive: true });
    await page.screenshot({ path: '.test-results/about.png' });
  });

  it('saves a setting that survives a reload', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const port = page.getByLabel('Metrics port');
    await port.fill('9555');
    const saved = page.waitForResponse((response) =>
      response.url().endsWith('/api/settings.update'),
    );
    await port.press('Enter');
    expect((await saved).status()).toBe(200);
    await page.reload();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(page.getByLabel('Metrics port').inputValue()).resolves.toBe('9555');
    expect(readFileSync(`${dataDir.path}/settings.json`, 'utf8')).toContain('9555');
  });

  it('ran without page errors (the CSP allowed everything the app needs)', () => {
    expect(pageErrors).toEqual([]);
  });

  it('spent the printed link: it no longer buys a session', async () => {
    const again = await exchangeLink(serve.port, serve.secret);
    expect(again.status).toBe(401);
    expect(JSON.parse(again.body).error.code).toBe('unauthorized');
  });

  it("keeps the session token in this tab's sessionStorage, and sets no cookie", async () => {
    expect(await page.context().cookies()).toEqual([]);
    const token = await sessionToken(page);
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(token).not.toBe(serve.secret);
    expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(serve.secret);
  });

  it('refuses a call without the session header, even from the page itself', async () => {
    const status = await page.evaluate(async () => {
      const response = await fetch('/api/app.info', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      return response.status;
    });
    expect(status).toBe(401);
  });

  it('a tab the page opens shares the session; a brand new tab has none and says how to get one', async () => {
    const [opened] = await Promise.all([
      page.context().waitForEvent('page'),
      page.evaluate(() => window.open('/', '_blank')),
    ]);
    await opened.getByRole('button', { name: 'About' }).click();
    await opened.getByTestId('about-version').waitFor();
    expect(await opened.getByTestId('about-version').textContent()).toBe(pkg.version);
    expect(await sessionToken(opened)).toBe(await sessionToken(page));
    await opened.close();

    const tab = await page.context().newPage();
    await tab.goto(`http://127.0.0.1:${serve.port}/`);
    await tab.getByRole('alert').waitFor();
    expect(await tab.getByRole('alert').textContent()).toMatch(
      /SIGUSR1.*Technical details\s*unauthorized/,
    );
    expect(await sessionToken(tab)).toBeNull();
    await tab.close();
  });

  it('refuses a wrong Host and an invalid payload on the running server', async () => {
    const auth = {
      Authorization: `Bearer ${await sessionToken(page)}`,
      'Content-Type': 'application/json',
    };
    const wrongHost = await httpRequest(serve.port, {
      method: 'POST',
      path: '/api/app.info',
      headers: { ...auth, Host: `rebound.example:${serve.port}` },
      body: '{}',
    });
    expect(wrongHost.status).toBe(403);
    expect(JSON.parse(wrongHost.body).error.code).toBe('forbidden_host');
    const invalid = await httpRequest(serve.port, {
      method: 'POST',
      path: '/api/settings.update',
      headers: { ...auth, Host: `127.0.0.1:${serve.port}` },
      body: '{"metricsPort":-5}',
    });
    expect(invalid.status).toBe(400);
    expect(JSON.parse(invalid.body).error.code).toBe('invalid_input');
  });

  it('prints a fresh link on SIGUSR1 that opens the app in another browser, once', async () => {
    const link = await newLink(serve);
    expect(link).not.toBe(serve.pageUrl);
    const other = await browser.newContext();
    const fresh = await other.newPage();
    await fresh.goto(link);
    await fresh.getByRole('button', { name: 'About' }).click();
    await fresh.getByTestId('about-version').waitFor();
    expect(fresh.url()).not.toContain('key=');
    await other.close();
    // The same link in a third browser finds it spent, and the page says how to get a new one.
    const third = await browser.newContext();
    const late = await third.newPage();
    await late.goto(link);
    await late.getByRole('alert').waitFor();
    expect(await late.getByRole('alert').textContent()).toMatch(
      /SIGUSR1.*Technical details\s*unauthorized/,
    );
    await third.close();
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await serve.stop('SIGTERM')).toBe(0);
  });
});

describe('serve mode stopping', () => {
  it('stops cleanly on SIGINT (Ctrl-C): exit 0, port closed', async () => {
    const dir = tempDir();
    const serve = await startServe(['--port', '0', '--metrics-port', '0', '--data-dir', dir.path]);
    expect(await serve.stop('SIGINT')).toBe(0);
    expect(serve.output()).toMatch(/SIGINT received; stopping/);
    await expect(
      httpRequest(serve.port, { path: '/', headers: { Host: `127.0.0.1:${serve.port}` } }),
    ).rejects.toThrow(/ECONNREFUSED/);
    dir.remove();
  });
});

describe('serve mode start-up', () => {
  it('refuses to start without a vault key source, in one sentence', async () => {
    const dir = tempDir();
    await expect(
      startServe(['--port', '0', '--metrics-port', '0', '--data-dir', dir.path], {
        SWITCHBOARD_VAULT_PASSPHRASE: '',
      }),
    ).rejects.toThrow(/set SWITCHBOARD_VAULT_PASSPHRASE/);
    dir.remove();
  });
});
