import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { seriousViolations } from './desk-check';
import { freePort, startDemo } from './demo-process';
import type { ServeProcess } from './serve-process';

/**
 * Serve mode after a restart (issue 19, item 8): the open page's session is gone. It says so in
 * words, offers a field for the new link, and is signed in again from it without a new tab.
 */
describe('a page whose Switchboard restarted', () => {
  let demo: ServeProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: ReturnType<typeof tempDir>;
  let port: number;

  beforeAll(async () => {
    dataDir = tempDir();
    port = await freePort();
    browser = await launchChromium();
    demo = await startDemo(['--port', String(port), '--data-dir', dataDir.path]);
    const context = await browser.newContext({ bypassCSP: true });
    page = await context.newPage();
    await page.goto(demo.pageUrl);
    await page.getByText('No accounts connected yet').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    dataDir?.remove();
  });

  it('offers a field for the new link, without raw codes, and signs in again from it', async () => {
    expect(await demo.stop()).toBe(0);
    demo = await startDemo(['--port', String(port), '--data-dir', dataDir.path]);
    const banner = page.getByTestId('connection-banner');
    await banner.getByText('This page is no longer signed in to Switchboard').waitFor({
      timeout: 20_000,
    });
    await expect(banner.textContent()).resolves.not.toMatch(/unauthorized|SIGUSR1/);
    const form = page.getByRole('form', { name: 'Sign this page in again' });
    await form.getByLabel('New link').fill('https://example.com/#key=x');
    await form.getByRole('button', { name: 'Open' }).click();
    await form.getByText(/^That is not a Switchboard link/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByLabel('New link').fill(demo.pageUrl);
    await form.getByRole('button', { name: 'Open' }).click();
    await page.getByText('No accounts connected yet').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('connection-banner').count()).resolves.toBe(0);
    // The link was spent for a session and left the address bar.
    expect(page.url()).not.toContain('key=');
  });
});
