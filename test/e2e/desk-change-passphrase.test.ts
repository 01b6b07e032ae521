import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passphraseKeyProtector } from '../../src-main/core/vault/key-protectors';
import { openVault } from '../../src-main/core/vault/vault';
import { tempDir } from '../support/test-host';
import { profile, tokenSet } from '../support/vault-fixtures';
import { launchChromium } from './chromium';
import { startServe } from './serve-process';

const OLD = 'the first passphrase';
const NEW = 'the second passphrase';

describe('Settings → Vault: change passphrase', () => {
  let browser: Browser;
  let dataDir: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    dataDir = tempDir();
    const vault = await openVault({
      dataDir: dataDir.path,
      keyProtector: passphraseKeyProtector(OLD),
    });
    vault.accounts.saveConnection(
      profile('tiktok', 'tt1', { displayName: 'Dance Studio' }),
      tokenSet('e2e'),
    );
    vault.close();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    dataDir?.remove();
  });

  /** Serve mode on this data folder with `passphrase` in the environment, and a page on it. */
  async function open(passphrase: string) {
    const serve = await startServe(
      ['--port', '0', '--metrics-port', '0', '--data-dir', dataDir.path],
      { SWITCHBOARD_VAULT_PASSPHRASE: passphrase },
    );
    const page = await browser.newPage();
    await page.goto(serve.pageUrl);
    return { serve, page };
  }
  const form = (page: Page) => page.getByRole('form', { name: 'Change passphrase' });

  it('changes it through the UI; serve then opens with the new one and stays locked with the old', async () => {
    const first = await open(OLD);
    const page = first.page;
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const current = form(page).getByLabel('Current passphrase');
    const next = form(page).getByLabel('New passphrase', { exact: true });
    const again = form(page).getByLabel('New passphrase again');
    expect(await form(page).getByLabel('Also rotate the data key').isChecked()).toBe(true);

    // The rule and the match are told next to their fields while typing.
    await next.fill('short');
    await form(page).getByText('Use at least 8 characters.').waitFor();
    expect(await next.getAttribute('aria-invalid')).toBe('true');
    await next.fill(NEW);
    await again.fill('something else');
    await form(page).getByText('The two passphrases differ; type the same one twice.').waitFor();
    expect(await form(page).getByRole('button', { name: 'Change passphrase…' }).isDisabled()).toBe(
      true,
    );

    // A wrong current passphrase comes back next to that field; nothing changes.
    await again.fill(NEW);
    await current.fill('not the passphrase');
    await again.press('Enter');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: 'Change passphrase', exact: true })
      .click();
    await form(page)
      .getByText('That is not the current vault passphrase; nothing was changed.')
      .waitFor();
    expect(await current.getAttribute('aria-invalid')).toBe('true');

    await current.fill(OLD);
    await again.press('Enter');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: 'Change passphrase', exact: true })
      .click();
    await form(page).getByText('Passphrase changed and data key rotated.').waitFor();
    expect(first.serve.output()).not.toContain(NEW);
    expect(first.serve.output()).not.toContain(OLD);
    await page.close();
    expect(await first.serve.stop()).toBe(0);

    const renewed = await open(NEW);
    await renewed.page.getByRole('button', { name: 'Accounts', exact: true }).click();
    await renewed.page.getByText('Dance Studio').waitFor();
    await renewed.page.close();
    expect(await renewed.serve.stop()).toBe(0);

    const stale = await open(OLD);
    await stale.page.getByRole('button', { name: 'Accounts', exact: true }).click();
    await stale.page.getByRole('heading', { name: 'Your vault is locked' }).waitFor();
    await stale.page.close();
    expect(await stale.serve.stop()).toBe(0);
  });
});
