import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { signInThroughTab } from './consent-tab';
import { seriousViolations } from './desk-check';
import { startDemo } from './demo-process';
import type { ServeProcess } from './serve-process';

/**
 * Plans as a creator meets them in demo mode: the room shown before consent, the refusal that
 * opens no tab, a licence key that raises the limit at once, and its removal, which keeps every
 * connected account working. Demo mode trusts only a key pair it made at start (demo-licence.ts).
 */
describe('plans and licence keys in the browser', () => {
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
    // bypassCSP: axe is injected as an inline script.
    context = await browser.newContext({ viewport: { width: 1100, height: 900 }, bypassCSP: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(demo.pageUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    dataDir?.remove();
  });

  const demoKey = () => /Demo licence key \(Pro[^:]*\): (\S+)/.exec(demo.output())![1]!;
  const room = (text: string) => page.getByTestId('connect-room').filter({ hasText: text });
  const youtubeCards = () =>
    page.getByRole('region', { name: 'YouTube', exact: true }).getByRole('listitem');
  const planSection = () => page.getByRole('region', { name: 'Plan', exact: true });
  const openPlan = async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await planSection().waitFor();
  };
  const accounts = () => page.getByRole('button', { name: 'Accounts', exact: true }).click();

  async function expectRefusedWithoutConsent() {
    const tabs = context.pages().length;
    await page.getByRole('button', { name: 'Connect YouTube', exact: true }).click();
    const notice = page.getByTestId('limit-notice');
    await notice.getByText('Your Free plan connects 1 YouTube account').waitFor();
    expect(context.pages()).toHaveLength(tabs);
    await notice.getByRole('button', { name: 'Dismiss' }).click();
  }

  it('shows each platform’s room before consent, and at the limit opens no consent tab', async () => {
    await room('YouTube · 0 of 1').waitFor();
    const consent = await signInThroughTab(context, page, 'Connect YouTube');
    await youtubeCards().filter({ hasText: 'Maya Makes' }).waitFor();
    await consent.close();
    await room('YouTube · 1 of 1').waitFor();
    expect(await room('TikTok · 0 of 1').count()).toBe(1);
    await expectRefusedWithoutConsent();
  });

  it('Settings → Plan shows the Free plan, refuses a tampered key, and takes a valid one at once', async () => {
    await openPlan();
    await planSection().getByText('No licence key entered: the Free plan applies.').waitFor();
    const [prefix, body, signature] = demoKey().split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    const raised = Buffer.from(JSON.stringify({ ...payload, plan: 'agency' })).toString(
      'base64url',
    );
    const field = planSection().getByRole('textbox', { name: 'Licence key' });
    await field.fill(`${prefix}.${raised}.${signature}`);
    await planSection().getByRole('button', { name: 'Enter licence key' }).click();
    const alert = planSection().getByRole('alert');
    await alert.getByText(/changed after it was issued/).waitFor();
    expect(await alert.textContent()).toContain('licence_invalid');
    // Pasted with line breaks, as a mail client may wrap it.
    await field.fill(demoKey().replace(/(.{60})/g, '$1\n'));
    await planSection().getByRole('button', { name: 'Enter licence key' }).click();
    await planSection()
      .getByText(/Pro licence for Demo Creator, valid until \d{4}-/)
      .waitFor();
    expect(
      await planSection()
        .getByRole('row', { name: /YouTube 1 10/ })
        .count(),
    ).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('with the key in force, the button opens the consent tab and a second account connects', async () => {
    await accounts();
    await room('YouTube · 1 of 10').waitFor();
    const consent = await signInThroughTab(context, page, 'Connect YouTube', {
      user: 'Leo Cooks',
    });
    await youtubeCards().filter({ hasText: 'Leo Cooks' }).waitFor();
    await consent.close();
    await room('YouTube · 2 of 10').waitFor();
  });

  it('removing the licence keeps both accounts connected and healthy, and says which is over', async () => {
    await openPlan();
    await planSection().getByRole('button', { name: 'Remove licence' }).click();
    await page
      .getByRole('dialog', { name: 'Remove the licence key?' })
      .getByRole('button', { name: 'Remove licence' })
      .click();
    await planSection().getByText('No licence key entered: the Free plan applies.').waitFor();
    await expect(planSection().getByTestId('plan-over').textContent()).resolves.toBe(
      "YouTube: Leo Cooks is beyond the Free plan's 1. It stays connected and refreshing; only new connects are refused.",
    );
    await accounts();
    await room('YouTube · 2 of 1').waitFor();
    expect(await youtubeCards().count()).toBe(2);
    for (const name of ['Maya Makes', 'Leo Cooks'])
      await youtubeCards().filter({ hasText: name }).getByText('Connected').waitFor();
    // A check of every account still reaches the platform with their tokens.
    await page.getByRole('button', { name: 'Overview', exact: true }).click();
    await page.getByRole('button', { name: 'Check all now' }).click();
    await page.getByText(/^Checked 2 at /).waitFor();
    await expect(page.getByTestId('overview-summary').textContent()).resolves.toBe('2 healthy');
    await accounts();
    await expectRefusedWithoutConsent();
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
