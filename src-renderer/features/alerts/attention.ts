import type { AccountSummary } from '../../../src-shared/account';
import { needsCreator, type DueWindow } from '../../../src-shared/account-summary';

/** The accounts that need the creator, now or soon: what the badge, title and banner count. */
export function attentionOf(accounts: readonly AccountSummary[], window: DueWindow) {
  return accounts.filter((account) => needsCreator(account, window));
}

/**
 * attentionOf remembering its last answer: the shell, the banner and the notices each ask on
 * every render, and with 1,000 accounts each answer dates every account. The same list, clock
 * tick and warning window give the same array back (so what depends on it sees no change).
 */
export function rememberedAttention() {
  let last: { accounts: readonly AccountSummary[]; window: DueWindow } | null = null;
  let answer: AccountSummary[] = [];
  return (accounts: readonly AccountSummary[], window: DueWindow): AccountSummary[] => {
    const same =
      last?.accounts === accounts &&
      last.window.now === window.now &&
      last.window.warningDays === window.warningDays;
    if (!same) {
      answer = attentionOf(accounts, window);
      last = { accounts, window };
    }
    return answer;
  };
}

/** "(2) Overview · Switchboard": the count first, so a background tab shows it. */
export function windowTitle(screen: string, count: number): string {
  return `${count > 0 ? `(${count}) ` : ''}${screen} · Switchboard`;
}
