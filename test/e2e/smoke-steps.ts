import type { Page } from 'playwright-core';

/**
 * The release smoke test's steps, shared by two runs: the real Electron app on hosted runners
 * (test/smoke/electron-smoke.test.ts) and serve/demo mode on every `npm test`
 * (test/e2e/smoke-steps.test.ts). Each step is something a creator sees or does.
 */

/** How the authorize page reaches a browser: a tab in serve mode, the system browser on desktop. */
export type ConsentOpener = (app: Page, clickConnect: () => Promise<void>) => Promise<Page>;

/** The window shows the app, not an error page. */
export async function expectAppShown(page: Page): Promise<void> {
  await page.getByRole('heading', { name: 'Switchboard', level: 1 }).waitFor();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

/** app.info as the page received it over its transport (Electron's IPC, or HTTP), via About. */
export async function readAbout(page: Page): Promise<{ product: string; mode: string }> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'About' })
    .click();
  const product = (await page.getByTestId('about-product').textContent()) ?? '';
  const mode = (await page.getByTestId('about-mode').textContent()) ?? '';
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: 'Accounts' })
    .click();
  return { product, mode };
}

/** Where the key store cannot be used (a Linux runner has no keyring), the creator picks a passphrase. */
export async function unlockIfAsked(page: Page, passphrase: string): Promise<void> {
  const connect = page.getByRole('button', { name: 'Connect YouTube', exact: true });
  const create = page.getByRole('button', { name: /^(Create vault|Unlock)$/ });
  await connect.or(create).first().waitFor();
  if (await connect.isVisible()) return;
  const creating = (await create.textContent()) === 'Create vault';
  await page.getByLabel(creating ? 'New vault passphrase' : 'Vault passphrase').fill(passphrase);
  if (creating) await page.getByLabel('Type it again').fill(passphrase);
  await create.click();
  await connect.waitFor();
}

/** Connects the simulated YouTube channel through the consent page and waits for its card. */
export async function connectOneAccount(page: Page, openConsent: ConsentOpener): Promise<string> {
  const name = 'Maya Makes';
  const consent = await openConsent(page, () =>
    page.getByRole('button', { name: 'Connect YouTube', exact: true }).click(),
  );
  await consent.getByRole('button', { name: 'Allow', exact: true }).click();
  await page
    .getByRole('region', { name: 'YouTube', exact: true })
    .getByRole('listitem')
    .filter({ hasText: name })
    .waitFor();
  await consent.close();
  return name;
}

/** The authorize URL the app offers again while it waits: what the system browser was given. */
export async function authorizeLink(page: Page): Promise<string> {
  const link = page.getByRole('link', { name: 'Open the sign-in page again' });
  await link.waitFor();
  const href = await link.getAttribute('href');
  if (!href) throw new Error('the app offered no sign-in link');
  return href;
}
