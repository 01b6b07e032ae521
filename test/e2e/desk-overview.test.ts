import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passphraseKeyProtector } from '../../src-main/core/vault/key-protectors';
import { openVault } from '../../src-main/core/vault/vault';
import { demoAvatarUrl } from '../../src-main/demo/fake-avatars';
import { startFakeX, type FakeX } from '../../src-main/demo/fake-x';
import { offlineOriginsFile } from '../support/offline-origins';
import { tempDir } from '../support/test-host';
import { profile, tokenSet } from '../support/vault-fixtures';
import { launchChromium } from './chromium';
import { seriousViolations, sidewaysOverflow } from './desk-check';
import { startServe, type ServeProcess } from './serve-process';

const PASSPHRASE = 'the overview passphrase';
const SHOTS = process.env.SWITCHBOARD_SCREENSHOTS;

describe('the overview and an account’s detail', () => {
  let browser: Browser;
  let serve: ServeProcess;
  let page: Page;
  let dataDir: ReturnType<typeof tempDir>;
  let cdn: FakeX;

  beforeAll(async () => {
    dataDir = tempDir();
    const vault = await openVault({
      dataDir: dataDir.path,
      keyProtector: passphraseKeyProtector(PASSPHRASE),
    });
    const face = (origin: string, initials: string, color: string) => ({
      avatarUrl: demoAvatarUrl(origin, initials, color),
    });
    vault.accounts.saveConnection(
      profile('youtube', 'yt1', {
        displayName: 'Cooking Channel',
        ...face('https://yt3.ggpht.com', 'CC', '#e4572e'),
      }),
      tokenSet('yt1'),
    );
    vault.accounts.saveConnection(
      profile('x', 'x1', {
        displayName: 'Travel Vlog',
        ...face('https://pbs.twimg.com', 'TV', '#1d9bf0'),
      }),
      tokenSet('x1'),
    );
    const revoked = vault.accounts.saveConnection(
      profile('tiktok', 'tt1', {
        displayName: 'Dance Studio',
        handle: '@dancestudio',
        ...face('https://p16-sign-va.tiktokcdn.com', 'DS', '#ff0050'),
      }),
      tokenSet('tt1'),
    );
    vault.refresh.change(revoked.id, {
      status: 'needs_reauth',
      reason: 'TikTok no longer accepts this sign-in; reconnect the account.',
      lastError: 'token_rejected',
      nextRefreshAt: null,
    });
    vault.close();
    // The avatar CDNs answer from a simulated platform (demo's pictures); the rest goes nowhere.
    cdn = await startFakeX();
    serve = await startServe(['--port', '0', '--metrics-port', '0', '--data-dir', dataDir.path], {
      SWITCHBOARD_VAULT_PASSPHRASE: PASSPHRASE,
      SWITCHBOARD_PLATFORM_ORIGINS: offlineOriginsFile(cdn.baseUrl),
    });
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1100, height: 800 },
      bypassCSP: true,
    });
    page = await context.newPage();
    await page.goto(serve.pageUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await cdn?.close();
    dataDir?.remove();
  });

  it('opens on the overview: one summary line, the account needing the creator first', async () => {
    const summary = page.getByTestId('overview-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(
      /^2 (healthy|renewing|being checked).*1 needs you$/,
    );
    const rows = page
      .getByRole('region', { name: 'Accounts, most urgent first' })
      .getByRole('listitem');
    await expect(rows.first().textContent()).resolves.toContain('Dance Studio');
    await expect(rows.first().textContent()).resolves.toContain('Reconnect needed');
    const calendar = page.getByRole('region', { name: 'Re-auth calendar' });
    await expect(calendar.getByRole('listitem').first().textContent()).resolves.toMatch(
      /^Now.*Dance Studio/,
    );
    expect(await page.title()).toBe('(1) Overview · Switchboard');
    await page.getByRole('button', { name: 'Check all now' }).click();
    await page.getByText(/^Checked 3 at /).waitFor();
    await expect(rows.first().textContent()).resolves.toContain('Dance Studio');
  });

  it('opens the account that needs fixing, with its reason, the fix, times and permissions in words', async () => {
    await page.getByRole('button', { name: 'Fix Dance Studio' }).click();
    const status = page.getByTestId('detail-status');
    await status.waitFor();
    await expect(status.textContent()).resolves.toContain('TikTok no longer accepts this sign-in');
    await expect(status.getByRole('button', { name: 'Reconnect' }).isVisible()).resolves.toBe(true);
    await page.getByText('Stay connected without signing in again').waitFor();
    expect(await page.getByRole('button', { name: 'Connect TikTok' }).count()).toBe(0);
    await page.getByText(/^Last error$/).waitFor();
    expect(await page.title()).toBe('(1) Dance Studio · Switchboard');
    const trail = page.getByTestId('audit-trail');
    await expect(trail.getByRole('listitem').last().textContent()).resolves.toContain('Connected');
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByText(/^Checked at /).waitFor();
    if (SHOTS)
      await page.screenshot({ path: join(SHOTS, 'account-detail-1100.png'), fullPage: true });
    await page.getByRole('button', { name: '← All accounts' }).click();
    await page.getByRole('region', { name: 'TikTok', exact: true }).waitFor();
  });

  it('has no serious axe findings and fits 390 px, light and dark', async () => {
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 800 });
        await page.getByRole('button', { name: 'Overview', exact: true }).click();
        await page.getByTestId('overview-summary').waitFor();
        found.push(
          ...(await seriousViolations(page)).map(
            (line) => `overview ${colorScheme} ${width}: ${line}`,
          ),
        );
        expect(await sidewaysOverflow(page)).toBe(0);
        if (SHOTS)
          await page.screenshot({
            path: join(SHOTS, `overview-${width}-${colorScheme}.png`),
            fullPage: true,
          });
        await page.getByRole('button', { name: 'Details of Travel Vlog' }).click();
        await page.getByTestId('detail-status').waitFor();
        found.push(
          ...(await seriousViolations(page)).map(
            (line) => `detail ${colorScheme} ${width}: ${line}`,
          ),
        );
        expect(await sidewaysOverflow(page)).toBe(0);
        if (SHOTS)
          await page.screenshot({
            path: join(SHOTS, `detail-${width}-${colorScheme}.png`),
            fullPage: true,
          });
      }
    }
    expect(found).toEqual([]);
  });
});
