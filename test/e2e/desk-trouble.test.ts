import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_STATUSES } from '../../src-shared/account';
import { ERROR_CODES } from '../../src-shared/errors';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { signInThroughTab } from './consent-tab';
import { seriousViolations, sidewaysOverflow } from './desk-check';
import { startDemo } from './demo-process';
import type { ServeProcess } from './serve-process';

/** Calls a contract channel as this tab (its session token), as another tab or tool would. */
function call(
  page: Page,
  channel: string,
  input: object,
): Promise<{ ok: boolean; error?: { code: string; message: string } }> {
  return page.evaluate(
    async ({ channel, input }) => {
      const token = sessionStorage.getItem('switchboard.session') ?? '';
      const response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      return (await response.json()) as {
        ok: boolean;
        error?: { code: string; message: string };
      };
    },
    { channel, input },
  );
}

/** Raw words no creator should meet outside "Technical details": codes, states, scope URLs, fingerprints. */
const RAW = new RegExp(
  [
    ...[...ERROR_CODES, ...ACCOUNT_STATUSES, 'invalid_grant', 'public_profile']
      .filter((word) => word.includes('_'))
      .map((word) => `\\b${word}\\b`),
    'googleapis\\.com/auth',
    '\\brt [0-9a-f]{6,}',
    '\\bHTTP \\d{3}\\b',
    'ECONN[A-Z]+',
  ].join('|'),
);

/** The page's text with every "Technical details" disclosure taken out. */
function plainText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    for (const details of copy.querySelectorAll('details')) details.remove();
    for (const script of copy.querySelectorAll('script, style')) script.remove();
    return copy.textContent ?? '';
  });
}

/**
 * Demo mode remembers its sign-ins across restarts (issue 19, item 9), and trouble that starts
 * while the creator is on another screen is impossible to miss (item 1): the badge, the title
 * count, the banner (a live region) and, once allowed, a browser notification.
 */
describe('trouble seen from any screen, and a demo that remembers', () => {
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
    // bypassCSP only so axe-core can be injected; the app itself runs under its real CSP.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true });
    // Records what the page shows as notifications (headless Chromium draws none).
    await context.addInitScript(() => {
      const shown: string[] = [];
      (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
      const Real = window.Notification;
      class Recorded extends Real {
        constructor(title: string, options?: NotificationOptions) {
          super(title, options);
          shown.push(options?.body ?? title);
        }
      }
      window.Notification = Recorded as typeof Notification;
    });
    page = await context.newPage();
    await page.goto(demo.pageUrl);
  }

  async function restart() {
    await context.close();
    expect(await demo.stop()).toBe(0);
    await open();
  }

  it('connects YouTube, and after a restart the account is still healthy', async () => {
    await open();
    await page.getByText('No accounts connected yet').waitFor();
    const consent = await signInThroughTab(context, page, 'Connect YouTube');
    await page.getByRole('button', { name: 'Details' }).waitFor();
    await consent.close();
    // Alerts without the two-minute hold, so the test needs no long wait.
    expect((await call(page, 'settings.update', { alertHoldSeconds: 0 })).ok).toBe(true);
    await restart();
    expect(existsSync(join(dataDir.path, 'demo-platforms', 'youtube.json'))).toBe(true);
    await page.getByTestId('overview-summary').waitFor();
    await page.getByRole('button', { name: 'Check all now' }).click();
    await page.getByText(/Checked/).waitFor({ timeout: 15_000 });
    await expect(page.getByTestId('overview-summary').textContent()).resolves.toBe('1 healthy');
    await expect(page.getByTestId('attention-badge').count()).resolves.toBe(0);
  });

  it('shows a revocation on Settings: badge, title, banner and a browser notification', async () => {
    // The simulated Google forgets the sign-in, as when the creator revokes it there.
    await context.close();
    expect(await demo.stop()).toBe(0);
    rmSync(join(dataDir.path, 'demo-platforms'), { recursive: true });
    await open();
    await page.getByTestId('overview-summary').waitFor();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings', level: 2 }).waitFor();
    expect(await page.title()).toBe('Settings · Switchboard');
    // Asked only when the creator presses the button, never on load.
    await expect(page.evaluate(() => Notification.permission)).resolves.toBe('default');
    // Settings loads on first open: its offer must be on screen before the browser's answer
    // changes (a screen mounted after the grant would read "granted" and offer nothing).
    await page
      .getByText('This browser can also show a notification when an account needs you.')
      .waitFor();
    await context.grantPermissions(['notifications']);
    await page.getByRole('button', { name: 'Turn on browser notifications' }).click();
    await page.getByText('This browser shows a notification when an account needs you.').waitFor();

    // Another tab (or the scheduled check) finds the sign-in gone while this tab shows Settings.
    expect((await call(page, 'accounts.check', {})).ok).toBe(true);
    await page.getByTestId('attention-badge').getByText('1').waitFor({ timeout: 15_000 });
    await expect(page.title()).resolves.toBe('(1) Settings · Switchboard');
    const banner = page.getByRole('status').filter({ hasText: 'One account needs you.' });
    await expect(banner.textContent()).resolves.toMatch(/YouTube · .+: Reconnect needed/);
    await page.getByRole('heading', { name: 'Settings', level: 2 }).waitFor();
    await page.waitForFunction(
      () => (window as unknown as { shownNotifications: string[] }).shownNotifications.length > 0,
      undefined,
      { timeout: 15_000 },
    );
    const shown = await page.evaluate(
      () => (window as unknown as { shownNotifications: string[] }).shownNotifications,
    );
    expect(shown.join('\n')).toMatch(/Reconnect needed/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('clears the badge and the title count once the account is reconnected', async () => {
    await page
      .getByRole('button', { name: /^Open / })
      .first()
      .click();
    await page.getByRole('heading', { name: 'Account', level: 2 }).waitFor();
    const consent = await signInThroughTab(context, page, 'Reconnect');
    await page
      .getByTestId('detail-status')
      .getByText('Connected', { exact: true })
      .waitFor({ timeout: 15_000 });
    await consent.close();
    await expect(page.getByTestId('attention-badge').count()).resolves.toBe(0);
    await expect(page.title()).resolves.not.toMatch(/^\(/);
  });

  it('shows an account inside the re-auth window as due soon on three screens, and in the summary', async () => {
    // Google's Testing mode ends sign-ins after 7 days: inside the 7-day warning window at once.
    expect((await call(page, 'settings.update', { googleTestingMode: true })).ok).toBe(true);
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    const summary = page.getByTestId('overview-summary');
    await summary.getByText('1 due soon').waitFor({ timeout: 15_000 });
    const overviewDue = page.getByTestId('due-soon');
    await expect(overviewDue.textContent()).resolves.toMatch(/^Sign in again within [67] days/);
    await page.getByTestId('attention-badge').getByText('1').waitFor();
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
    await expect(page.getByTestId('due-soon').textContent()).resolves.toMatch(
      /^Sign in again within [67] days/,
    );
    await page.getByRole('button', { name: /^Details/ }).click();
    const detail = page.getByTestId('detail-status');
    await expect(detail.getByTestId('due-soon').textContent()).resolves.toMatch(
      /^Sign in again within [67] days/,
    );
    await expect(detail.textContent()).resolves.not.toMatch(
      /keeps this account connected by itself/,
    );
    await detail.getByRole('button', { name: 'Reconnect now' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows no code, state name, scope URL or fingerprint outside "Technical details" on any screen', async () => {
    const found: string[] = [];
    const scan = async (where: string) => {
      const match = RAW.exec(await plainText(page));
      if (match) found.push(`${where}: ${match[0]}`);
    };
    // The account's history now holds a revocation, a reconnect and renewals.
    await scan('account detail');
    // Each screen loads its data once shown: wait for a part that comes with the data.
    const loaded: Record<string, string> = {
      Overview: 'overview-summary',
      Accounts: 'due-soon',
      Health: 'health-overall',
      Settings: 'settings-metrics',
      About: 'about-metrics',
    };
    for (const [screen, testId] of Object.entries(loaded)) {
      await page.getByRole('button', { name: screen, exact: true }).click();
      await page.getByRole('heading', { name: screen, level: 2 }).waitFor();
      await page.getByTestId(testId).first().waitFor();
      await scan(screen);
    }
    expect(found).toEqual([]);
  });

  it('refuses a sign-in port that another sign-in or the metrics server uses', async () => {
    const settings = (await call(page, 'settings.get', {})) as unknown as {
      value: { redirectPorts: Record<string, number>; metricsPort: number };
    };
    const ports = settings.value.redirectPorts;
    const clash = await call(page, 'settings.update', {
      redirectPorts: { ...ports, x: ports.instagram },
    });
    expect(clash.error?.code).toBe('settings_port_conflict');
    expect(clash.error?.message).toMatch(/Instagram's sign-in port and X's sign-in port/);
    const after = (await call(page, 'settings.get', {})) as unknown as typeof settings;
    expect(after.value.redirectPorts).toEqual(ports);
  });

  it('keeps a long name at full width in the rows at 1280 and 390 px', async () => {
    const accounts = (await call(page, 'accounts.list', {})) as unknown as {
      value: { id: string }[];
    };
    const accountId = accounts.value[0]!.id;
    const label = 'Zara Dance Studio Official Channel';
    expect((await call(page, 'accounts.rename', { accountId, label })).ok).toBe(true);
    /** Each row's name box width against the width the name needs on one line. */
    const measure = (selector: string) =>
      page.evaluate((selector) => {
        return [...document.querySelectorAll<HTMLElement>(selector)].map((name) => {
          const row = name.closest('li')!;
          const probe = name.cloneNode(true) as HTMLElement;
          probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap;width:auto';
          document.body.append(probe);
          const natural = probe.getBoundingClientRect().width;
          probe.remove();
          return { name: name.getBoundingClientRect().width, natural, row: row.clientWidth };
        });
      }, selector);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [screen, selector] of [
        ['Accounts', '.account-card .account-name strong'],
        ['Overview', '.overview-row .overview-name strong'],
      ] as const) {
        await page.getByRole('button', { name: screen, exact: true }).click();
        await page.getByText(label).first().waitFor();
        const rows = await measure(selector);
        expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) {
          // The name gets what it needs on one line, or at least half of a row too narrow for it.
          const wanted = Math.min(row.natural, row.row * 0.5);
          expect(row.name, `${screen} at ${width} px`).toBeGreaterThanOrEqual(wanted - 1);
        }
        expect(await sidewaysOverflow(page)).toBe(0);
      }
    }
  });

  it('names the accounts a restore would replace, and replaces nothing on Cancel', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    expect((await call(page, 'vault.exportBackup', { passphrase: 'backup passphrase' })).ok).toBe(
      true,
    );
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('link', { name: 'Vault & backups' }).click();
    const restoring = page.getByRole('form', { name: 'Restore a backup' });
    await restoring.getByLabel('Backup').selectOption({ index: 1 });
    await restoring.getByLabel('Its passphrase').fill('backup passphrase');
    await restoring.getByRole('button', { name: 'Restore backup' }).click();
    const confirm = page.getByRole('dialog', { name: 'Replace your accounts with this backup?' });
    await expect(confirm.getByTestId('restore-replaces').textContent()).resolves.toBe(
      'YouTube · Zara Dance Studio Official Channel',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm.count()).resolves.toBe(0);
    await expect(page.getByText(/^Restored/).count()).resolves.toBe(0);
  });

  it('keeps unsaved Settings edits unless the creator chooses to leave them', async () => {
    await page.getByRole('link', { name: 'Alerts' }).click();
    const days = page.getByLabel('Warn me this many days before an account needs signing in again');
    await days.fill('9');
    const questions: string[] = [];
    page.once('dialog', (dialog) => {
      questions.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 2 }).count()).resolves.toBe(
      1,
    );
    await expect(days.inputValue()).resolves.toBe('9');
    expect(questions).toEqual([
      'Settings has changes you have not saved. Leave without saving them?',
    ]);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    await page.getByTestId('overview-summary').waitFor();
  });

  it('asks too before dropping a typed platform secret or metrics token, and not once set', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const questions: string[] = [];
    const leave = async () => {
      page.once('dialog', (dialog) => {
        questions.push(dialog.message());
        void dialog.dismiss();
      });
      await page.getByRole('button', { name: 'Overview', exact: true }).click();
    };
    const x = page.getByRole('form', { name: 'X', exact: true });
    await x.getByLabel('Client secret').fill('a-secret-typed-but-not-saved');
    await leave();
    await x.getByLabel('Client secret').fill('');
    const token = page.getByLabel('Bearer token for /health/detailed and /metrics');
    await token.fill('a-metrics-token-not-set-yet');
    await leave();
    expect(questions).toHaveLength(2);
    await page.getByRole('button', { name: 'Set token' }).click();
    await page.getByText(/^Saved at .*only the token's hash is kept/).waitFor();
    // Set: nothing left to lose, so no question.
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    await page.getByTestId('overview-summary').waitFor();
    expect(questions).toHaveLength(2);
  });
});
