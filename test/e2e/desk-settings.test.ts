import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { startServe, type ServeProcess } from './serve-process';

const SHOTS = process.env.SWITCHBOARD_SCREENSHOTS;

/** Each field, a value it refuses, the sentence shown beside it, and a value it keeps. */
const FIELDS = [
  ['Renew tokens this many minutes before they expire', '0', 'Use 1 to 60 minutes.', '10'],
  ['Check every account’s sign-in every (hours)', '72', 'Use 1 to 48 hours.', '12'],
  ['Renewals running at once', 'many', 'Use 1 to 32.', '2'],
  [
    'Warn me this many days before an account needs signing in again',
    '90',
    'Use 1 to 60 days.',
    '14',
  ],
  ['Alert only when a new status holds for (seconds)', '-5', 'Use 0 to 3600 seconds.', '60'],
  ['TikTok posts per account per day', '500', 'Use 1 to 100 posts.', '10'],
  ['Webhook URL', 'ftp://hooks.example', 'Use an http:// or https:// address.', ''],
] as const;

describe('Settings: every field checked as typed, saved together', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let dataDir: ReturnType<typeof tempDir>;
  let hook: Server;
  const received: string[] = [];

  beforeAll(async () => {
    dataDir = tempDir();
    hook = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push(body);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    serve = await startServe(['--port', '0', '--metrics-port', '0', '--data-dir', dataDir.path]);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1100, height: 900 } })).newPage();
    await page.goto(serve.pageUrl);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    hook?.close();
    dataDir?.remove();
  });

  it('says what is wrong next to each field, in plain words, and saves nothing half-way', async () => {
    let updates = 0;
    page.on('request', (request) => {
      if (request.url().endsWith('/api/settings.update')) updates++;
    });
    for (const [label, bad, sentence] of FIELDS) {
      const field = page.getByLabel(label, { exact: true });
      await field.fill(bad);
      expect({ label, invalid: await field.getAttribute('aria-invalid') }).toEqual({
        label,
        invalid: 'true',
      });
      const describedBy = (await field.getAttribute('aria-describedby'))!.split(' ')[0];
      expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe(sentence);
    }
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'settings-invalid.png'), fullPage: true });
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(updates).toBe(0);
    // Fixing all but one still saves nothing.
    for (const [label, , , good] of FIELDS.slice(0, -2))
      await page.getByLabel(label, { exact: true }).fill(good);
    await page.getByLabel(FIELDS[0][0], { exact: true }).press('Enter');
    expect(updates).toBe(0);
    for (const [label, , , good] of FIELDS.slice(-2))
      await page.getByLabel(label, { exact: true }).fill(good);
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/settings.update'));
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect((await saved).status()).toBe(200);
    await page
      .getByTestId('settings-saved')
      .getByText(/^Saved at /)
      .waitFor();
    expect(updates).toBe(1);
    const stored = JSON.parse(readFileSync(join(dataDir.path, 'settings.json'), 'utf8'));
    expect(stored).toMatchObject({
      refreshMarginMinutes: 10,
      tokenCheckIntervalHours: 12,
      refreshConcurrency: 2,
      reauthWarningDays: 14,
      alertHoldSeconds: 60,
      tiktokDailyPostCap: 10,
    });
  });

  it('shows the data folder and how the key is kept, and rotates the key behind a confirmation', async () => {
    await expect(page.getByTestId('settings-data-dir').textContent()).resolves.toBe(dataDir.path);
    await page.getByText('your passphrase', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Rotate the vault key…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the vault key?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Rotate the vault key…' }).click();
    await dialog.getByRole('button', { name: 'Rotate key' }).click();
    await page.getByText(/^Key rotated at /).waitFor();
    await dialog.waitFor({ state: 'detached' });
  });

  it('exports a backup with a passphrase typed twice, and restores it only with that passphrase', async () => {
    const exporting = page.getByRole('form', { name: 'Export a backup' });
    await exporting.getByLabel('Backup passphrase').fill('backup passphrase');
    await exporting.getByLabel('Type it again').fill('backup passphrasf');
    const exportButton = exporting.getByRole('button', { name: 'Export backup' });
    await expect(exportButton.isDisabled()).resolves.toBe(true);
    await exporting.getByText('The two passphrases differ; type the same one twice.').waitFor();
    await exporting.getByLabel('Type it again').fill('backup passphrase');
    await exportButton.click();
    await page.getByText(/^Backed up 0 accounts to switchboard-.*\.sbbackup/).waitFor();
    const restoring = page.getByRole('form', { name: 'Restore a backup' });
    await restoring.getByLabel('Backup').selectOption({ index: 1 });
    await restoring.getByLabel('Its passphrase').fill('the wrong one');
    await restoring.getByRole('button', { name: 'Restore backup' }).click();
    // Nothing happens before the creator confirms, knowing what it replaces.
    const confirm = page.getByRole('dialog', { name: 'Replace your accounts with this backup?' });
    await expect(confirm.textContent()).resolves.toContain('No account is connected here now');
    await confirm.getByRole('button', { name: 'Replace accounts' }).click();
    await page.getByRole('alert').filter({ hasText: 'backup_wrong_passphrase' }).waitFor();
    await restoring.getByLabel('Its passphrase').fill('backup passphrase');
    await restoring.getByRole('button', { name: 'Restore backup' }).click();
    await confirm.getByRole('button', { name: 'Replace accounts' }).click();
    await page.getByText(/^Restored 0 accounts/).waitFor();
  });

  it('sends a test alert to the webhook and says it arrived', async () => {
    const button = page.getByRole('button', { name: 'Send test' });
    await expect(button.isDisabled()).resolves.toBe(true);
    await expect(page.getByTestId('webhook-outcome').textContent()).resolves.toBe(
      'Type a webhook URL to test it.',
    );
    const { port } = hook.address() as { port: number };
    await page.getByLabel('Webhook URL', { exact: true }).fill(`http://127.0.0.1:${port}/hook`);
    await button.click();
    await expect.poll(() => received.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByTestId('webhook-outcome').getByText(/./).waitFor();
    expect(JSON.stringify(received)).not.toMatch(/token"\s*:\s*"[^"]{20,}/);
  });
});
