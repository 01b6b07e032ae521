import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CLIENTS } from '../../src-main/demo/fake-platforms';
import { tempDir } from '../support/test-host';
import { launchChromium } from './chromium';
import { signInThroughTab } from './consent-tab';
import { startDemo } from './demo-process';
import type { ServeProcess } from './serve-process';

const RELAY_NOTE = /Instagram and TikTok sign in through a relay at (http:\/\/127\.0\.0\.1:\d+),/;

/**
 * Demo mode runs the relay's own handler between the app and the simulated Meta and TikTok, as a
 * published build would: the creator clicks Allow, the browser passes through the relay, and the
 * app never holds those platforms' secrets.
 */
describe('demo mode signs in to Instagram and TikTok through the relay', () => {
  let demo: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let relay: string;
  let dataDir: ReturnType<typeof tempDir>;
  const visited: string[] = [];

  beforeAll(async () => {
    dataDir = tempDir();
    demo = await startDemo(['--port', '0', '--data-dir', dataDir.path]);
    // The notes follow the ready line, perhaps in a later chunk of output.
    relay = await vi.waitFor(() => RELAY_NOTE.exec(demo.output())![1]!);
    browser = await launchChromium();
    context = await browser.newContext();
    context.on('request', (request) => visited.push(request.url()));
    page = await context.newPage();
    await page.goto(demo.pageUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    dataDir?.remove();
  });

  const relayLog = () =>
    [...demo.output().matchAll(/ relay (\{.*\})$/gm)].map(
      ([, line]) => JSON.parse(line!) as { route: string; provider: string; grant: string | null },
    );

  it('connects Instagram: Allow sends the browser through the relay’s callback', async () => {
    const consent = await signInThroughTab(context, page, 'Connect Instagram');
    await page
      .getByRole('region', { name: 'Instagram', exact: true })
      .getByRole('listitem')
      .filter({ hasText: 'Nia Brooks' })
      .waitFor();
    await consent.close();
    expect(visited.some((url) => url.startsWith(`${relay}/callback/instagram?`))).toBe(true);
    const grants = relayLog()
      .filter((line) => line.route === 'token' && line.provider === 'instagram')
      .map((line) => line.grant);
    expect(grants).toEqual(['authorization_code', 'ig_exchange_token']);
  });

  it('connects TikTok: its loopback redirect, its token call through the relay', async () => {
    const consent = await signInThroughTab(context, page, 'Connect TikTok');
    await page
      .getByRole('region', { name: 'TikTok', exact: true })
      .getByRole('listitem')
      .filter({ hasText: 'Zara Dances' })
      .waitFor();
    await consent.close();
    expect(visited.some((url) => url.startsWith(`${relay}/callback/tiktok`))).toBe(false);
    expect(relayLog()).toContainEqual(
      expect.objectContaining({ route: 'token', provider: 'tiktok', grant: 'authorization_code' }),
    );
  });

  it('says in Settings → Platforms which way each platform connects', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const host = new URL(relay).host;
    for (const name of ['Instagram', 'Instagram via Facebook Page', 'TikTok']) {
      const form = page.getByRole('form', { name, exact: true });
      await form.getByText(`Switchboard’s app, through ${host}`).waitFor();
    }
    const x = page.getByRole('form', { name: 'X', exact: true });
    await x.getByText('Your own app (from the environment)').waitFor();
  });

  it('guides a creator through their own app, and checks a pasted id before saving', async () => {
    const instagram = page.getByRole('form', { name: 'Instagram', exact: true });
    await instagram.getByText('Set up your own Instagram app').click();
    await instagram.getByText(/only people with a role on the app can sign in/).waitFor();
    await instagram.getByText('instagram_business_content_publish').waitFor();
    await instagram.getByLabel('Client id').fill('My Instagram app');
    await instagram.getByLabel('Client id').press('Enter');
    await instagram.getByText(/An Instagram app ID is digits only/).waitFor();
    // Nothing was saved: it still signs in with the built-in app, through the relay.
    expect(await instagram.getByText(/^Saved at /).count()).toBe(0);
    await instagram.getByText(`Switchboard’s app, through ${new URL(relay).host}`).waitFor();
  });

  it('the app never held the relayed secrets: not in its output, not in the page', async () => {
    const secrets = ['instagram', 'facebook', 'tiktok'].map(
      (id) => DEMO_CLIENTS[id as 'tiktok'].clientSecret!,
    );
    const text = `${demo.output()}\n${await page.content()}`;
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
  });
});
