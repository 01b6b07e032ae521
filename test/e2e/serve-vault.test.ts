import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passphraseKeyProtector } from '../../src-main/core/vault/key-protectors';
import { openVault } from '../../src-main/core/vault/vault';
import { httpRequest } from '../support/http-client';
import { tempDir } from '../support/test-host';
import { profile, tokenSet } from '../support/vault-fixtures';
import { launchChromium } from './chromium';
import { startServe } from './serve-process';

const PASSPHRASE = 'the creator passphrase';

describe('serve mode with a vault', () => {
  let browser: Browser;
  let dataDir: ReturnType<typeof tempDir>;
  const tokens = tokenSet('e2e');

  beforeAll(async () => {
    dataDir = tempDir();
    const vault = await openVault({
      dataDir: dataDir.path,
      keyProtector: passphraseKeyProtector(PASSPHRASE),
    });
    vault.accounts.saveConnection(
      profile('tiktok', 'tt1', { displayName: 'Dance Studio', handle: '@dancestudio' }),
      tokens,
    );
    vault.close();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    dataDir?.remove();
  });

  it('lists the stored accounts, and the page never holds a token', async () => {
    const serve = await startServe(
      ['--port', '0', '--metrics-port', '0', '--data-dir', dataDir.path],
      {
        SWITCHBOARD_VAULT_PASSPHRASE: PASSPHRASE,
      },
    );
    const page = await browser.newPage();
    const bodies: string[] = [];
    page.on('response', async (response) => {
      if (response.url().includes('/api/')) bodies.push(await response.text().catch(() => ''));
    });
    await page.goto(serve.pageUrl);
    // Accounts exist, so the app opens on the overview; the list is one click away.
    await page.getByTestId('overview-summary').waitFor();
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
    await page.getByText('Dance Studio').waitFor();
    expect(await page.getByText('TikTok · @dancestudio').isVisible()).toBe(true);
    expect(await page.getByText('Connected').isVisible()).toBe(true);
    const everything = (await page.content()) + bodies.join('\n');
    expect(bodies.length).toBeGreaterThan(0);
    expect(everything).not.toContain(tokens.accessToken);
    expect(everything).not.toContain(tokens.refreshToken);
    expect(serve.output()).not.toContain(tokens.accessToken);
    await page.close();
    expect(await serve.stop()).toBe(0);
  });

  it('prints the metrics URL, serves /metrics there, and shows the health checks in the UI', async () => {
    const serve = await startServe(
      ['--port', '0', '--metrics-port', '0', '--data-dir', dataDir.path],
      {
        SWITCHBOARD_VAULT_PASSPHRASE: PASSPHRASE,
      },
    );
    const metricsPort = Number(
      /^Metrics at http:\/\/127\.0\.0\.1:(\d+)\/metrics$/m.exec(serve.output())?.[1],
    );
    expect(metricsPort).toBeGreaterThan(0);
    const metrics = await httpRequest(metricsPort, {
      path: '/metrics',
      headers: { Host: `127.0.0.1:${metricsPort}` },
    });
    expect(metrics.body).toContain('switchboard_accounts{platform="tiktok",status="healthy"} 1');
    const page = await browser.newPage();
    await page.goto(serve.pageUrl);
    await page.getByRole('button', { name: 'Health' }).click();
    await page.getByTestId('health-overall').waitFor();
    expect(await page.getByText('Token vault').isVisible()).toBe(true);
    expect(await page.getByText('TikTok reachable').isVisible()).toBe(true);
    await page.screenshot({ path: '.test-results/health.png' });
    await page.getByRole('button', { name: 'About' }).click();
    expect(await page.getByTestId('about-metrics').textContent()).toContain(
      `Running at http://127.0.0.1:${metricsPort}/metrics`,
    );
    await page.close();
    expect(await serve.stop()).toBe(0);
  });

  it('starts locked with the wrong passphrase, and unlocks from the UI with the right one', async () => {
    const serve = await startServe(
      ['--port', '0', '--metrics-port', '0', '--data-dir', dataDir.path],
      {
        SWITCHBOARD_VAULT_PASSPHRASE: 'not the passphrase',
      },
    );
    const page = await browser.newPage();
    await page.goto(serve.pageUrl);
    await page.getByRole('heading', { name: 'Your vault is locked' }).waitFor();
    await page.getByLabel('Vault passphrase').fill('still not the passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('vault_wrong_key');
    await page.getByLabel('Vault passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByTestId('overview-summary').waitFor();
    await page.screenshot({ path: '.test-results/accounts.png' });
    expect(serve.output()).not.toContain(PASSPHRASE);
    await page.close();
    expect(await serve.stop()).toBe(0);
  });
});
