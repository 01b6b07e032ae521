import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { demoBuilt, startDemo } from './demo-process';
import type { ServeProcess } from './serve-process';
import {
  authorizeLink,
  connectOneAccount,
  expectAppShown,
  readAbout,
  unlockIfAsked,
} from './smoke-steps';

// The release workflow's Electron smoke steps, run here against demo mode on every `npm test`,
// so a UI change that would break the smoke test on the hosted runners breaks this first.
describe('the release smoke steps, against demo mode', () => {
  let demo: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dataDir: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    if (!demoBuilt()) throw new Error('Run `npm run build` first.');
    dataDir = tempDir();
    demo = await startDemo(['--port', '0', '--data-dir', dataDir.path]);
    browser = await launchChromium();
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto(demo.pageUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    dataDir?.remove();
  });

  it('shows the app and its app.info', async () => {
    await expectAppShown(page);
    expect(await readAbout(page)).toEqual({ product: 'Switchboard', mode: 'Demo' });
    await unlockIfAsked(page, 'smoke test passphrase, never a real one');
  });

  it('connects one account, opening the same authorize URL the app offers', async () => {
    const name = await connectOneAccount(page, async (app, click) => {
      const opened = context.waitForEvent('page');
      await click();
      const tab = await opened;
      await tab.waitForURL(/^http/);
      // The desktop smoke opens this link in a browser of its own: it must be the same page.
      expect(new URL(await authorizeLink(app)).origin).toBe(new URL(tab.url()).origin);
      return tab;
    });
    expect(name).toBe('Maya Makes');
  });
});
