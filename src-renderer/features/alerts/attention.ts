import type { AccountSummary } from '../../../src-shared/account';
import { needsCreator, type DueWindow } from '../../../src-shared/account-summary';

/** The accounts that need the creator, now or soon: what the badge, title and banner count. */
export function attentionOf(accounts: readonly AccountSummary[], window: DueWindow) {
  return accounts.filter((account) => needsCreator(account, window));
}

/** "(2) Overview · Switchboard": the count first, so a background tab shows it. */
export function windowTitle(screen: string, count: number): string {
  return `${count > 0 ? `(${count}) ` : ''}${screen} · Switchboard`;
}
