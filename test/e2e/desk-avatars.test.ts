import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { signInThroughTab } from './consent-tab';
import { seriousViolations, sidewaysOverflow } from './desk-check';
import { startDemo } from './demo-process';
import { newLink, type ServeProcess } from './serve-process';

const SHOTS = process.env.SWITCHBOARD_SCREENSHOTS;
const CONNECT = ['Connect YouTube', 'Connect TikTok', 'Connect X'];

/** Every <img> on the page: where it loaded from and whether it decoded. */
const images = (page: Page) =>
  page.evaluate(() =>
    [...document.images].map((image) => ({
      src: image.src,
      loaded: image.complete && image.naturalWidth > 0,
      width: image.naturalWidth,
    })),
  );

/**
 * Demo mode's platforms serve real PNG avatars on their CDN origins (through the origin table);
 * main fetches and keeps them, and the page shows them as data: URLs under `img-src 'self' data:`.
 */
describe('avatars on the connection screen', () => {
  let demo: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dataDir: ReturnType<typeof tempDir>;
  let csp = '';
  const refused: string[] = [];

  beforeAll(async () => {
    dataDir = tempDir();
    demo = await startDemo(['--port', '0', '--data-dir', dataDir.path]);
    browser = await launchChromium();
    // The page's own CSP stays on here (no bypassCSP): the pictures must load under it.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    const response = await page.goto(demo.pageUrl);
    csp = response?.headers()['content-security-policy'] ?? '';
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    dataDir?.remove();
  });

  it('serves the page with a CSP whose img-src allows no https: picture', async () => {
    const imgSrc = /(?:^|;)\s*img-src ([^;]*)/.exec(csp)?.[1];
    expect(imgSrc?.trim()).toBe("'self' data:");
    const meta = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .evaluateAll((tags) => tags.map((tag) => tag.getAttribute('content') ?? ''));
    for (const content of meta) expect(/img-src[^;]*https:/.test(content)).toBe(false);
  });

  it('shows each connected account with its face, loaded from main as a data: URL', async () => {
    await page.getByText('No accounts connected yet').waitFor();
    for (const [index, button] of CONNECT.entries()) {
      const consent = await signInThroughTab(context, page, button);
      await expect
        .poll(() => page.getByRole('button', { name: 'Details', exact: true }).count(), {
          timeout: 20_000,
        })
        .toBe(index + 1);
      await consent.close();
    }
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
    await expect
      .poll(async () => (await images(page)).filter((image) => image.loaded).length, {
        timeout: 15_000,
      })
      .toBeGreaterThanOrEqual(CONNECT.length);
    const avatars = (await images(page)).filter((image) => image.src.startsWith('data:image/png'));
    expect(avatars).toHaveLength(CONNECT.length);
    for (const image of avatars) expect(image.width).toBe(96);
    // Nothing from the internet: the pictures are data: URLs, the app icon is the app's own.
    const own = new URL(page.url()).origin;
    for (const { src } of await images(page))
      expect(src.startsWith('data:image/') || new URL(src).origin === own, src).toBe(true);
    expect(refused).toEqual([]);
    // Kept in the data folder, one picture per account.
    const kept = readdirSync(join(dataDir.path, 'avatars'));
    expect(kept.filter((name) => name.endsWith('.png'))).toHaveLength(CONNECT.length);
  });

  it('has no serious axe findings with the pictures shown, light and dark, wide and narrow', async () => {
    // axe-core is injected as a script: only this second tab bypasses the CSP, for axe alone.
    const checking = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    const tab = await checking.newPage();
    await tab.goto(await newLink(demo));
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await tab.emulateMedia({ colorScheme });
      for (const width of [1280, 390]) {
        await tab.setViewportSize({ width, height: 900 });
        await tab.getByRole('button', { name: 'Accounts', exact: true }).click();
        await expect
          .poll(async () => (await images(tab)).filter((image) => image.loaded).length)
          .toBeGreaterThanOrEqual(CONNECT.length);
        for (const line of await seriousViolations(tab))
          found.push(`accounts ${colorScheme} ${width}: ${line}`);
        expect(await sidewaysOverflow(tab)).toBe(0);
        if (SHOTS)
          await tab.screenshot({
            path: join(SHOTS, `accounts-faces-${width}-${colorScheme}.png`),
            fullPage: true,
          });
      }
    }
    await checking.close();
    expect(found).toEqual([]);
  });
});
