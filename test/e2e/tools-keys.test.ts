import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpRequest } from '../support/http-client';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { startServe, type ServeProcess } from './serve-process';

/** Settings → Tools through the real UI, then the key used by a plain HTTP client. */
describe('a tool key made in Settings', () => {
  let browser: Browser;
  let serve: ServeProcess;
  let dataDir: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    dataDir = tempDir();
    serve = await startServe(['--port', '0', '--metrics-port', '0', '--data-dir', dataDir.path]);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    dataDir?.remove();
  });

  it('is shown once, works with curl-like clients, and stops working when revoked', async () => {
    const page = await browser.newPage();
    await page.goto(serve.pageUrl);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const tools = page.getByRole('region', { name: 'Tools' });
    // The status fills in once app.info and the settings have answered: wait for the address.
    const apiStatus = tools.getByTestId('tools-api-status').filter({ hasText: '/v1/' });
    await apiStatus.waitFor();
    const status = await apiStatus.textContent();
    const port = Number(/http:\/\/127\.0\.0\.1:(\d+)\/v1\//.exec(status ?? '')?.[1]);
    expect(port).toBeGreaterThan(0);

    await tools.getByLabel('Tool name').fill('nightly-upload');
    await tools.getByRole('button', { name: 'Create key' }).click();
    const key = (await tools.getByTestId('tool-key-value').textContent()) ?? '';
    expect(key).toMatch(/^sbk_[\w-]{43}$/);
    await tools.getByRole('button', { name: 'Copy the tool key' }).waitFor();

    const headers = { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${key}` };
    const accounts = await httpRequest(port, { path: '/v1/accounts', headers });
    expect(accounts.status).toBe(200);
    expect(JSON.parse(accounts.body)).toEqual({ accounts: [] });

    await tools.getByRole('button', { name: 'Done' }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const row = tools.getByRole('row').filter({ hasText: 'nightly-upload' });
    await row.waitFor();
    expect(await page.content()).not.toContain(key);
    expect(await row.textContent()).not.toContain('never');

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText(/^Revoked /).waitFor();
    const refused = await httpRequest(port, { path: '/v1/accounts', headers });
    expect(refused.status).toBe(401);
    expect(JSON.parse(refused.body).error.code).toBe('tool_key_invalid');
    await page.close();
  });
});
