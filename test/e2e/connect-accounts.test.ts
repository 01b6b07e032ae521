import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { signInThroughTab, type ConsentChoice } from './consent-tab';
import { freePort, startDemo } from './demo-process';
import type { ServeProcess } from './serve-process';

const SHOTS = '.test-results/connect-accounts';

/**
 * A creator's first session in demo mode, through the real UI: every click below is one a
 * person makes, on the app's page and on the simulated platforms' consent pages.
 */
describe('connecting accounts in demo mode', () => {
  let demo: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let dataDir: ReturnType<typeof tempDir>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dataDir = tempDir();
    demo = await startDemo(['--port', '0', '--data-dir', dataDir.path]);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(demo.pageUrl);
    mkdirSync(SHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    dataDir?.remove();
  });

  const group = (platform: string) => page.getByRole('region', { name: platform, exact: true });
  const card = (platform: string, name: string) =>
    group(platform).getByRole('listitem').filter({ hasText: name });
  const attempt = (text: string | RegExp) =>
    page.getByRole('list', { name: 'Sign-ins' }).getByRole('listitem').filter({ hasText: text });

  const signIn = (button: string, choice?: ConsentChoice) =>
    signInThroughTab(context, page, button, choice);

  async function expectConnected(platform: string, name: string, consent: Page) {
    await card(platform, name).waitFor();
    // Announced politely, for whoever is not looking at the list.
    await page
      .getByRole('status')
      .filter({ hasText: `${platform} account ${name} connected.` })
      .waitFor();
    await consent.close();
  }

  it('shows that it is a demo, with a Connect button per platform', async () => {
    await page.getByText('Demo', { exact: true }).waitFor();
    expect(page.url()).not.toContain('key=');
    await page.getByText('No accounts connected yet').waitFor();
    for (const name of ['Connect YouTube', 'Connect Instagram', 'Connect TikTok', 'Connect X'])
      expect(await page.getByRole('button', { name, exact: true }).isEnabled()).toBe(true);
    // Each button shows its platform's mark; Instagram's two say who each is for.
    const bar = page.getByRole('group', { name: 'Connect an account' });
    const buttons = bar.getByRole('button');
    expect(await bar.locator('button svg.platform-logo').count()).toBe(await buttons.count());
    const description = async (name: string) => {
      const button = page.getByRole('button', { name, exact: true });
      const ids = (await button.getAttribute('aria-describedby')) ?? '';
      const texts = await Promise.all(
        ids.split(' ').map((id) => page.locator(`[id="${id}"]`).innerText()),
      );
      return texts.join(' ');
    };
    expect(await description('Connect Instagram')).toContain('Professional account');
    expect(await description('Connect Instagram via Facebook Page')).toContain(
      'Through a Facebook Page',
    );
  });

  it('moves the fixed sign-in ports in Settings → Platforms, and the redirect URIs follow', async () => {
    // The defaults (7481–7483) are shared by everything on this machine; tests running beside
    // this one may hold them. Moving them is also what a creator does when a port is taken.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    for (const name of ['Instagram', 'Instagram via Facebook Page', 'X']) {
      const form = page.getByRole('form', { name, exact: true });
      const port = String(await freePort());
      await form.getByLabel('Sign-in port').fill(port);
      await form.getByLabel('Sign-in port').press('Enter');
      await form.getByText(/^Saved at /).waitFor();
      await form.getByText(`http://127.0.0.1:${port}/callback`, { exact: true }).waitFor();
    }
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  });

  it('connects YouTube by clicking Allow on the consent page the app opened', async () => {
    const opened = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Connect YouTube', exact: true }).click();
    const consent = await opened;
    const allow = consent.getByRole('button', { name: 'Allow', exact: true });
    await allow.waitFor();
    // While the creator is in the other tab, the app waits and offers the link again and Cancel.
    await attempt('Connecting YouTube').getByText('Waiting for your browser…').waitFor();
    expect(
      await attempt('Connecting YouTube').getByRole('button', { name: 'Cancel' }).count(),
    ).toBe(1);
    const again = page.getByRole('link', { name: 'Open the sign-in page again' });
    expect(new URL((await again.getAttribute('href')) ?? '').origin).toBe(
      new URL(consent.url()).origin,
    );
    await page.screenshot({ path: `${SHOTS}/waiting.png` });
    await allow.click();
    await expectConnected('YouTube', 'Maya Makes', consent);
    expect(await card('YouTube', 'Maya Makes').getByText('Connected').isVisible()).toBe(true);
    expect(await page.getByText('No accounts connected yet').count()).toBe(0);
  });

  it('connects TikTok, X and Instagram the same way', async () => {
    await expectConnected('TikTok', 'Zara Dances', await signIn('Connect TikTok'));
    await expectConnected('X', 'Sam Rivera', await signIn('Connect X'));
    await expectConnected('Instagram', 'Nia Brooks', await signIn('Connect Instagram'));
    await page.screenshot({ path: `${SHOTS}/connected.png`, fullPage: true });
  });

  it('at the Free limit, Connect YouTube explains instead of opening a consent page', async () => {
    await page.getByTestId('connect-room').filter({ hasText: 'YouTube · 1 of 1' }).waitFor();
    const tabs = context.pages().length;
    await page.getByRole('button', { name: 'Connect YouTube', exact: true }).click();
    const notice = page.getByTestId('limit-notice');
    const alert = await notice.getByRole('alert').textContent();
    expect(alert).toContain('Your Free plan connects 1 YouTube account');
    expect(alert).toContain('tier_limit_reached');
    // The click that shows the notice is the click that would have opened the tab: none opened.
    expect(context.pages()).toHaveLength(tabs);
    expect(await group('YouTube').getByRole('listitem').count()).toBe(1);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await notice.waitFor({ state: 'detached' });
  });

  it('takes the demo’s licence key in Settings → Plan, and the limit rises at once', async () => {
    const key = /Demo licence key \(Pro[^:]*\): (\S+)/.exec(demo.output())![1]!;
    await page.getByRole('button', { name: 'Connect YouTube', exact: true }).click();
    await page.getByTestId('limit-notice').getByRole('button', { name: 'See plans' }).click();
    const plan = page.getByRole('region', { name: 'Plan', exact: true });
    await plan.getByRole('textbox', { name: 'Licence key' }).fill(key);
    await plan.getByRole('button', { name: 'Enter licence key' }).click();
    await plan.getByText(/Pro licence for Demo Creator, valid until \d{4}-/).waitFor();
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
    await page.getByTestId('connect-room').filter({ hasText: 'YouTube · 1 of 10' }).waitFor();
  });

  it('says so when consent is denied, and offers to try again', async () => {
    const consent = await signIn('Connect YouTube', { decision: 'Deny' });
    const failed = attempt('Could not connect YouTube');
    await failed.waitFor();
    expect(await failed.getByRole('alert').textContent()).toContain('oauth_denied');
    await page.screenshot({ path: `${SHOTS}/denied.png` });
    await consent.close();
    // Try again starts a new sign-in in a new tab (declined again here).
    const retried = context.waitForEvent('page');
    await failed.getByRole('button', { name: 'Try again' }).click();
    const second = await retried;
    await attempt('Connecting YouTube').getByText('Waiting for your browser…').waitFor();
    await second.getByRole('button', { name: 'Deny', exact: true }).click();
    await failed.getByRole('alert').waitFor();
    await failed.getByRole('button', { name: 'Dismiss' }).click();
    await failed.waitFor({ state: 'detached' });
    await second.close();
  });

  it('keeps a running sign-in across a reload, and cancels it from the app', async () => {
    const opened = context.waitForEvent('page');
    await page.getByRole('button', { name: 'Connect TikTok', exact: true }).click();
    const consent = await opened;
    await attempt('Connecting TikTok').getByText('Waiting for your browser…').waitFor();
    await page.reload();
    const waiting = attempt('Connecting TikTok');
    await waiting.getByText('Waiting for your browser…').waitFor();
    expect(
      await page.getByRole('button', { name: 'Connect TikTok', exact: true }).isDisabled(),
    ).toBe(true);
    await waiting.getByRole('button', { name: 'Cancel' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Sign-in to TikTok cancelled; nothing was connected.' })
      .waitFor();
    await waiting.waitFor({ state: 'detached' });
    expect(
      await page.getByRole('button', { name: 'Connect TikTok', exact: true }).isEnabled(),
    ).toBe(true);
    await consent.close();
  });

  it('renames an account inline, refusing a label that is too long', async () => {
    const maya = group('YouTube').getByRole('listitem');
    await maya.getByRole('button', { name: 'Rename' }).click();
    const field = maya.getByRole('textbox');
    await field.fill('M'.repeat(65));
    await field.press('Enter');
    await maya.getByText('Use at most 64 characters.').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.press('Escape');
    await maya.getByRole('button', { name: 'Rename' }).waitFor();
    await maya.getByRole('button', { name: 'Rename' }).click();
    await field.fill('  Main channel  ');
    await field.press('Enter');
    await maya.getByText('Main channel', { exact: true }).waitFor();
    await page.reload();
    await card('YouTube', 'Main channel').waitFor();
    expect(await card('YouTube', 'Main channel').textContent()).toContain('Maya Makes');
  });

  async function disconnect(platform: string, name: string): Promise<Locator> {
    await card(platform, name).getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: `Disconnect ${name}?` });
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    const outcome = page.getByTestId('disconnect-outcome');
    await outcome.waitFor();
    await card(platform, name).waitFor({ state: 'detached' });
    return outcome;
  }

  it('asks before disconnecting, and Escape keeps the account', async () => {
    await card('Instagram', 'Nia Brooks').getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect Nia Brooks?' });
    await dialog.waitFor();
    // Focus starts on the safe choice.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await page.screenshot({ path: `${SHOTS}/confirm.png` });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await card('Instagram', 'Nia Brooks').count()).toBe(1);
  });

  it('disconnects and shows what happened at the platform', async () => {
    const x = await disconnect('X', 'Sam Rivera');
    expect(await x.getAttribute('data-revoke')).toBe('revoked');
    expect(await x.textContent()).toMatch(/^Sam Rivera: .*revoked/);
    await x.getByRole('button', { name: 'Dismiss' }).click();

    // Instagram Login has no revoke endpoint: the app says where the creator removes access.
    const instagram = await disconnect('Instagram', 'Nia Brooks');
    expect(['not_supported', 'revoked', 'failed']).toContain(
      await instagram.getAttribute('data-revoke'),
    );
    const text = (await instagram.textContent()) ?? '';
    expect(text).toMatch(/^Nia Brooks: Removed from Switchboard\b/);
    // …and where to remove access, when the platform could not be asked.
    if ((await instagram.getAttribute('data-revoke')) !== 'revoked')
      expect(text).toMatch(/remove (it yourself|Switchboard)/i);
    await page.screenshot({ path: `${SHOTS}/disconnected.png` });
    await instagram.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('connects Instagram through a Facebook Page, picking one of several Pages', async () => {
    const consent = await signIn('Connect Instagram via Facebook Page', { user: 'Ravi Patel' });
    const picker = attempt('Connecting Instagram via Facebook Page');
    await picker.getByRole('button', { name: 'Use this Page' }).waitFor();
    expect(await picker.getByRole('radio').count()).toBe(2);
    expect(await picker.getByText('Patel Family Bakery').count()).toBe(0);
    await page.screenshot({ path: `${SHOTS}/page-picker.png` });
    await picker.getByRole('radio', { name: /Ravi Travels/ }).check();
    await picker.getByRole('button', { name: 'Use this Page' }).click();
    await expectConnected('Instagram', 'Ravi Travels', consent);
    expect(await card('Instagram', 'Ravi Travels').textContent()).toContain('ravi.travels');
    expect(await page.getByText('Ravi Eats').count()).toBe(0);
  });

  it('shows each platform’s credentials source and redirect URI in Settings → Platforms', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const x = page.getByRole('form', { name: 'X', exact: true });
    await x.waitFor();
    expect(await x.getByText(/^Configured · /).count()).toBe(1);
    expect(await x.getByText(/^http:\/\/127\.0\.0\.1:\d+\/callback/).count()).toBe(1);
    // The secret field never shows a value.
    expect(await x.getByLabel('Client secret').inputValue()).toBe('');
    await x.getByLabel('Sign-in port').fill('80');
    await x.getByLabel('Sign-in port').press('Enter');
    await x.getByText('Use a port from 1024 to 65535.').waitFor();
    await page.screenshot({ path: `${SHOTS}/platforms.png`, fullPage: true });
  });

  it('takes a client secret write-only: saved, never shown back, removable', async () => {
    // The refused port above is an unsaved edit: leaving asks first, and accepting drops it.
    const asked: string[] = [];
    page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await page.getByRole('button', { name: 'Accounts', exact: true }).click();
    expect(asked).toEqual(['Settings has changes you have not saved. Leave without saving them?']);
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const x = page.getByRole('form', { name: 'X', exact: true });
    await x.getByText('No secret', { exact: true }).waitFor();
    const secret = 'e2e-only-secret-5f1c';
    await x.getByLabel('Client secret').fill(secret);
    await x.getByLabel('Client secret').press('Enter');
    await x.getByText(/^Saved at /).waitFor();
    await x.getByText('Configured · from Settings').waitFor();
    await x.getByText('A secret is set', { exact: true }).waitFor();
    expect(await x.getByLabel('Client secret').inputValue()).toBe('');
    expect(await page.content()).not.toContain(secret);

    await x.getByRole('button', { name: 'Remove secret' }).click();
    await x.getByText('No secret', { exact: true }).waitFor();
    // Said like every save in Settings.
    await x.getByText(/^Saved at .*: the secret is removed\.$/).waitFor();
    await x.getByRole('button', { name: 'Remove credentials' }).click();
    await x.getByText('Configured · from the environment').waitFor();
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
