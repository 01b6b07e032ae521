import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLATFORM_IDS } from '../../src-shared/platforms';
import { passphraseKeyProtector } from '../../src-main/core/vault/key-protectors';
import { openVault } from '../../src-main/core/vault/vault';
import { tempDir } from '../support/test-host';
import { planLimitOf, profile, tokenSet } from '../support/vault-fixtures';
import { launchChromium } from './chromium';
import { seriousViolations, sidewaysOverflow } from './desk-check';
import { startServe, type ServeProcess } from './serve-process';

const PASSPHRASE = 'the long list passphrase';
/** The Agency plan's most: 50 on each platform (the lists window from 60 accounts in all). */
const ACCOUNTS = 200;

/** Every list's rows as the page holds them: how many exist, and how many the lists say there are. */
function listCounts(page: Page, selector: string) {
  return page.evaluate((selector) => {
    const lists = [...document.querySelectorAll<HTMLElement>(selector)];
    return {
      rendered: lists.reduce((sum, list) => sum + list.children.length, 0),
      announced: lists.reduce(
        (sum, list) => sum + Number(list.firstElementChild?.getAttribute('aria-setsize') ?? 0),
        0,
      ),
    };
  }, selector);
}

/** The position (aria-posinset) of the row holding focus, or null when focus is not in a row. */
function focusedRow(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const row = document.activeElement?.closest('li[aria-posinset]');
    return row ? Number(row.getAttribute('aria-posinset')) : null;
  });
}

/**
 * A creator with hundreds of accounts (issue 21, item 3): the lists render only the rows near the
 * viewport, yet screen readers hear every row's place, focus survives scrolling, Tab walks every
 * row, and "Find an account" reaches rows that are not rendered.
 */
describe('a long list of accounts, windowed', () => {
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  let dataDir: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    dataDir = tempDir();
    const vault = await openVault({
      dataDir: dataDir.path,
      keyProtector: passphraseKeyProtector(PASSPHRASE),
      planLimit: planLimitOf('agency'),
    });
    for (let i = 0; i < ACCOUNTS; i++) {
      const platform = PLATFORM_IDS[i % PLATFORM_IDS.length]!;
      const name = `Creator ${String(i).padStart(3, '0')}`;
      vault.accounts.saveConnection(
        profile(platform, `u${i}`, { displayName: name, avatarUrl: null }),
        tokenSet(`u${i}`),
      );
    }
    vault.close();
    serve = await startServe(['--port', '0', '--metrics-port', '0', '--data-dir', dataDir.path], {
      SWITCHBOARD_VAULT_PASSPHRASE: PASSPHRASE,
    });
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      bypassCSP: true,
    });
    page = await context.newPage();
    await page.goto(serve.pageUrl);
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
    await page.locator('.account-card').first().waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    dataDir?.remove();
  });

  it('renders a window of the rows, and tells screen readers how many there are', async () => {
    const counts = await listCounts(page, '.account-list');
    expect(counts.announced).toBe(ACCOUNTS);
    expect(counts.rendered).toBeLessThan(ACCOUNTS / 3);
    const first = page.getByRole('region', { name: 'YouTube', exact: true }).getByRole('listitem');
    await expect(first.first().getAttribute('aria-posinset')).resolves.toBe('1');
    await expect(first.first().getAttribute('aria-setsize')).resolves.toBe(String(ACCOUNTS / 4));
  });

  it('keeps the focused row when it scrolls far out of view, and Tab walks on row by row', async () => {
    const youtube = page.getByRole('region', { name: 'YouTube', exact: true });
    await youtube.getByRole('button', { name: 'Details' }).first().focus();
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForFunction(() => window.scrollY > 5_000);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    expect(await focusedRow(page)).toBe(1);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Details');
    // Each row has Details, Rename and Disconnect: 60 presses reach row 21, beyond the first window.
    const seen: number[] = [];
    for (let press = 0; press < 60; press++) {
      await page.keyboard.press('Tab');
      seen.push((await focusedRow(page)) ?? -1);
    }
    expect(seen.every((row, i) => row >= (seen[i - 1] ?? 1))).toBe(true);
    expect(seen.at(-1)).toBe(21);
  });

  it('finds an account whose row is not rendered', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await page.getByText('Creator 197', { exact: true }).count()).toBe(0);
    await page.getByRole('searchbox', { name: 'Find an account' }).fill('creator 197');
    await page.getByText('Creator 197', { exact: true }).waitFor();
    await expect(page.getByRole('status').filter({ hasText: /of/ }).textContent()).resolves.toBe(
      `1 of ${ACCOUNTS} accounts`,
    );
    await page.getByRole('searchbox', { name: 'Find an account' }).fill('');
  });

  it('windows the Overview too, and both screens stay clean for axe at 1280 and 390 px', async () => {
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 800 });
        for (const [screen, list] of [
          ['Overview', '.overview-list'],
          ['Accounts', '.account-list'],
        ] as const) {
          await page.getByRole('button', { name: screen, exact: true }).click();
          await page.locator(list).first().waitFor();
          const counts = await listCounts(page, list);
          expect(counts.announced, `${screen} at ${width}`).toBe(ACCOUNTS);
          expect(counts.rendered).toBeLessThan(ACCOUNTS / 3);
          found.push(
            ...(await seriousViolations(page)).map(
              (line) => `${screen} ${colorScheme} ${width}: ${line}`,
            ),
          );
          expect(await sidewaysOverflow(page)).toBe(0);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
