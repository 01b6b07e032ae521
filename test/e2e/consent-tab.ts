import type { BrowserContext, Page } from 'playwright-core';

export interface ConsentChoice {
  /** Text of the simulated platform's account picker option (default: the first account). */
  user?: string;
  decision?: 'Allow' | 'Deny';
}

/**
 * Clicks a Connect button on the app's page, takes the tab the page opens, picks the account on
 * the simulated consent page and answers it. Does not wait for the callback page: on the
 * Facebook path it is written only once the creator has picked a Page in the app.
 */
export async function signInThroughTab(
  context: BrowserContext,
  app: Page,
  button: string,
  { user, decision = 'Allow' }: ConsentChoice = {},
): Promise<Page> {
  const opened = context.waitForEvent('page');
  await app.getByRole('button', { name: button, exact: true }).click();
  const consent = await opened;
  const answer = consent.getByRole('button', { name: decision, exact: true });
  await answer.waitFor().catch(async (error: Error) => {
    // The app closes the tab when the sign-in could not start: say why.
    const refused = await app.getByRole('list', { name: 'Sign-ins' }).textContent();
    throw new Error(`no consent page after ${button}: ${refused}`, { cause: error });
  });
  if (user) {
    const picker = consent.getByLabel('Account');
    const option = picker.locator('option', { hasText: user });
    await picker.selectOption((await option.getAttribute('value')) ?? '');
  }
  await answer.click();
  return consent;
}
