import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { seriousViolations, sidewaysOverflow } from './desk-check';
import { startServe, type ServeProcess } from './serve-process';

/** Screenshots to look at by eye; SWITCHBOARD_SCREENSHOTS picks the folder. */
const SHOTS =
  process.env.SWITCHBOARD_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'switchboard-shots-'));
mkdirSync(SHOTS, { recursive: true });
const SCREENS = ['Accounts', 'Health', 'Settings', 'About'] as const;

function occupy(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

describe('the desk, faults of issue 11', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: ReturnType<typeof tempDir>;
  let taken: Server;
  let takenPort: number;

  beforeAll(async () => {
    dataDir = tempDir();
    taken = await occupy();
    takenPort = (taken.address() as { port: number }).port;
    serve = await startServe([
      '--port',
      '0',
      '--metrics-port',
      String(takenPort),
      '--data-dir',
      dataDir.path,
    ]);
    browser = await launchChromium();
    // bypassCSP only so axe-core can be injected; the app itself runs under its real CSP.
    const context = await browser.newContext({
      viewport: { width: 1100, height: 800 },
      bypassCSP: true,
    });
    page = await context.newPage();
    await page.goto(serve.pageUrl);
    await page.getByRole('heading', { name: 'Switchboard' }).waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    taken?.close();
    dataDir?.remove();
  });

  it('says on About, Settings and Health that the metrics server is not running, and why', async () => {
    const why = `Not running: Port ${takenPort} is taken by another program`;
    await page.getByRole('button', { name: 'About' }).click();
    await expect(page.getByTestId('about-metrics').textContent()).resolves.toContain(why);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(page.getByTestId('settings-metrics').textContent()).resolves.toContain(why);
    await page.getByRole('button', { name: 'Health' }).click();
    await expect(page.getByTestId('health-metrics').textContent()).resolves.toContain(why);
    await expect(page.getByTestId('health-overall').textContent()).resolves.not.toBe(
      'Everything is healthy.',
    );
    // Every check in words with a detail: no bare pass/warn/fail, no empty row.
    const rows = page.getByRole('region', { name: 'Health checks' }).getByRole('listitem');
    expect(await rows.count()).toBeGreaterThanOrEqual(5);
    for (const row of await rows.all()) {
      const text = (await row.textContent()) ?? '';
      expect(text).not.toMatch(/^(pass|warn|fail)/);
      expect(await row.locator('.muted, .metrics-status').first().textContent()).not.toBe('');
    }
    expect(await page.title()).toBe('Health · Switchboard');
  });

  it('checks the metrics port next to the field as it is typed, and saves on Enter with a confirmation', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const port = page.getByLabel('Metrics port');
    await port.fill('99999');
    await expect(port.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await port.getAttribute('aria-describedby')) ?? '';
    const message = page.locator(`[id="${describedBy.split(' ')[0]}"]`);
    await expect(message.textContent()).resolves.toMatch(/^Use a whole number from 1024 to 65535/);
    await port.fill(String(serve.port));
    await expect(message.textContent()).resolves.toBe(
      `Port ${serve.port} is the one this page is served on; choose another.`,
    );
    let updates = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/settings.update')) updates++;
    });
    await port.press('Enter');
    await expect(port.evaluate((input) => input === document.activeElement)).resolves.toBe(true);
    expect(updates).toBe(0);
    await port.fill('9611');
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/settings.update'));
    await port.press('Enter');
    expect((await saved).status()).toBe(200);
    await page
      .getByTestId('settings-saved')
      .getByText(/^Saved at /)
      .waitFor();
    expect(JSON.parse(readFileSync(join(dataDir.path, 'settings.json'), 'utf8')).metricsPort).toBe(
      9611,
    );
  });

  it('refuses a metrics token of only spaces, and says why on the disabled button', async () => {
    const token = page.getByLabel('Bearer token for /health/detailed and /metrics');
    const button = page.getByRole('button', { name: 'Set token' });
    await token.fill(' '.repeat(16));
    await expect(button.isDisabled()).resolves.toBe(true);
    const why = await button.getAttribute('aria-describedby');
    await expect(page.locator(`[id="${why}"]`).textContent()).resolves.toMatch(/only spaces/);
    await token.fill('a-real-metrics-token-1234');
    await expect(button.isEnabled()).resolves.toBe(true);
    await button.click();
    await page.getByText(/^Saved at .*only the token's hash is kept/).waitFor();
  });

  it('fits 420 px: no sideways scroll on any screen, the navigation inside the width', async () => {
    await page.setViewportSize({ width: 420, height: 800 });
    for (const screen of SCREENS) {
      await page.getByRole('button', { name: screen, exact: true }).click();
      await page.getByRole('heading', { name: screen, level: 2 }).waitFor();
      expect({ screen, overflow: await sidewaysOverflow(page) }).toEqual({ screen, overflow: 0 });
      const nav = await page.getByRole('navigation', { name: 'Main' }).boundingBox();
      expect(nav!.x + nav!.width).toBeLessThanOrEqual(420);
      await page.screenshot({
        path: join(SHOTS, `${screen.toLowerCase()}-420-light.png`),
        fullPage: true,
      });
    }
    await page.setViewportSize({ width: 1100, height: 800 });
  });

  it('has no serious or critical axe findings on any screen, light and dark, wide and narrow', async () => {
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 800 });
        for (const screen of SCREENS) {
          await page.getByRole('button', { name: screen, exact: true }).click();
          await page.getByRole('heading', { name: screen, level: 2 }).waitFor();
          await page.waitForTimeout(150);
          for (const line of await seriousViolations(page))
            found.push(`${screen} ${colorScheme} ${width}: ${line}`);
          await page.screenshot({
            path: join(SHOTS, `${screen.toLowerCase()}-${width}-${colorScheme}.png`),
            fullPage: true,
          });
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1100, height: 800 });
    expect(found).toEqual([]);
  });

  it('shows a visible focus ring on the navigation', async () => {
    await page.getByRole('button', { name: 'Health', exact: true }).focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    const outline = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { width: parseFloat(style.outlineWidth), style: style.outlineStyle };
    });
    expect(outline.style).toBe('solid');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  });

  it('says within 5 seconds on any screen that the connection is lost, and recovers', async () => {
    await page.getByRole('button', { name: 'Health', exact: true }).click();
    await page.getByTestId('health-overall').waitFor();
    const banner = page.getByTestId('connection-banner');
    await page.context().setOffline(true);
    await banner.waitFor({ timeout: 5_000 });
    await expect(banner.textContent()).resolves.toMatch(/not answering/);
    await page.screenshot({ path: join(SHOTS, 'health-offline.png') });
    await page.context().setOffline(false);
    await banner.waitFor({ state: 'detached', timeout: 5_000 });
    await page.getByTestId('health-overall').waitFor();
  });

  it('says so within 5 seconds when the server stops', async () => {
    await page.getByRole('button', { name: 'About', exact: true }).click();
    await serve.stop();
    await page.getByTestId('connection-banner').waitFor({ timeout: 5_000 });
  });
});
