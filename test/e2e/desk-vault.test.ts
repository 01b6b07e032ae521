import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { startServe } from './serve-process';

const PASSPHRASE = 'the passphrase it was made with';

describe('a locked vault, from any screen', () => {
  let browser: Browser;
  let dataDir: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    dataDir = tempDir();
    const first = await startServe(
      ['--port', '0', '--metrics-port', '0', '--data-dir', dataDir.path],
      {
        SWITCHBOARD_VAULT_PASSPHRASE: PASSPHRASE,
      },
    );
    await first.stop();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    dataDir?.remove();
  });

  it('is shown on Health and Settings and unlocks from Health', async () => {
    const serve = await startServe(
      ['--port', '0', '--metrics-port', '0', '--data-dir', dataDir.path],
      { SWITCHBOARD_VAULT_PASSPHRASE: 'a different passphrase' },
    );
    const page = await browser.newPage();
    await page.goto(serve.pageUrl);
    for (const screen of ['Settings', 'Health']) {
      await page.getByRole('button', { name: screen, exact: true }).click();
      await page.getByRole('heading', { name: 'Your vault is locked' }).waitFor();
    }
    const field = page.getByLabel('Vault passphrase');
    // Health loads on first open; until it has, the hidden Settings screen still holds its field.
    await expect.poll(() => field.count()).toBe(1);
    await field.fill('short');
    await expect(page.getByRole('button', { name: 'Unlock' }).isDisabled()).resolves.toBe(true);
    await field.fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page
      .getByRole('heading', { name: 'Your vault is locked' })
      .waitFor({ state: 'detached' });
    await page.getByTestId('health-overall').waitFor();
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
    await page.getByText('No accounts connected yet').waitFor();
    await page.close();
    expect(await serve.stop()).toBe(0);
  });
});
