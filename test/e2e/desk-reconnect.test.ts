import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { signInThroughTab } from './consent-tab';
import { startDemo } from './demo-process';
import type { ServeProcess } from './serve-process';

/**
 * Demo mode's simulated platforms keep their sign-ins in the data folder; removing that folder
 * while the demo is stopped makes them forget every token, exactly as a platform that revoked a
 * sign-in: the account then needs the creator, and Reconnect brings it back.
 */
describe('reconnecting an account the platform stopped accepting', () => {
  let demo: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dataDir: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    dataDir = tempDir();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    dataDir?.remove();
  });

  async function open() {
    demo = await startDemo(['--port', '0', '--data-dir', dataDir.path]);
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    await page.goto(demo.pageUrl);
  }

  it('connects YouTube, then the platform forgets the sign-in', async () => {
    await open();
    await page.getByText('No accounts connected yet').waitFor();
    const consent = await signInThroughTab(context, page, 'Connect YouTube');
    await page.getByRole('button', { name: 'Details' }).waitFor();
    await consent.close();
    await context.close();
    expect(await demo.stop()).toBe(0);
    rmSync(join(dataDir.path, 'demo-platforms'), { recursive: true });
    await open();
  });

  it('shows the account needs the creator after a check, and Reconnect fixes it', async () => {
    await page.getByTestId('overview-summary').waitFor();
    await page.getByRole('button', { name: /^Details of / }).click();
    await page.getByRole('button', { name: 'Check now' }).click();
    const status = page.getByTestId('detail-status');
    await status.getByText('Reconnect needed').waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { name: 'Account' }).waitFor();
    await expect(page.getByTestId('detail-expires').textContent()).resolves.toBe(
      'Not usable until you reconnect',
    );
    const consent = await signInThroughTab(context, page, 'Reconnect');
    await status.getByText('Connected', { exact: true }).waitFor({ timeout: 15_000 });
    await consent.close();
    // The same page, not reloaded: the new renewal plan, the new token's end, and the history.
    const history = page.getByTestId('audit-trail');
    await history.getByText('Reconnected', { exact: true }).waitFor({ timeout: 15_000 });
    const next = page.getByTestId('detail-next-renewal');
    await next.locator('time').waitFor({ timeout: 15_000 });
    await expect(next.textContent()).resolves.toMatch(/^in /);
    await expect(page.getByTestId('detail-expires').textContent()).resolves.toMatch(/^in /);
    const first = await history.getByRole('listitem').first().locator('strong').textContent();
    expect(first).not.toMatch(/Reconnect needed/);
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    await expect(page.getByTestId('overview-summary').textContent()).resolves.toBe('1 healthy');
  });
});
