import type { AccountStatus, AccountSummary } from './account';

// Shared by the Overview's summary line and the tray's tooltip, so both say the same words.

/** How much an account needs the creator: `you` only they can fix; `watch` Switchboard is on it. */
export type Urgency = 'you' | 'watch' | 'fine';

export const URGENCY: Record<AccountStatus, Urgency> = {
  needs_reauth: 'you',
  account_problem: 'you',
  vault_error: 'you',
  expiring: 'watch',
  rate_limited: 'watch',
  verify: 'watch',
  refreshing: 'fine',
  healthy: 'fine',
};

/** Words for the summary line, in the order it lists them. */
const SUMMARY_WORDS: [AccountStatus, string][] = [
  ['healthy', 'healthy'],
  ['refreshing', 'renewing'],
  ['verify', 'being checked'],
  ['expiring', 'expiring'],
  ['rate_limited', 'rate limited'],
];

const DAY_MS = 86_400_000;

/** When "now" is and how many days ahead the re-auth warning window reaches (Settings). */
export interface DueWindow {
  now: number;
  warningDays: number;
}

/**
 * Whole days left before only the creator can keep this account alive, when that moment is inside
 * the warning window; null when it is not, or when the account already needs them for another
 * reason (then that reason speaks). 0 means today or already past.
 */
export function dueSoonDays(
  account: Pick<AccountSummary, 'status' | 'reauthBy'>,
  window: DueWindow,
): number | null {
  if (URGENCY[account.status] === 'you' || !account.reauthBy) return null;
  const left = Date.parse(account.reauthBy) - window.now;
  if (Number.isNaN(left) || left > window.warningDays * DAY_MS) return null;
  return Math.max(0, Math.ceil(left / DAY_MS));
}

/** "Sign in again within 6 days": the due-soon state in words. */
export function dueSoonText(days: number): string {
  if (days <= 0) return 'Sign in again today';
  return `Sign in again within ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** Whether the creator has to act: now (`you`) or soon (inside the re-auth warning window). */
export function needsCreator(account: AccountSummary, window?: DueWindow): boolean {
  if (URGENCY[account.status] === 'you') return true;
  return window !== undefined && dueSoonDays(account, window) !== null;
}

/**
 * "5 healthy · 1 expiring · 1 due soon · 1 needs you": every account counted once. With a window,
 * an account due soon counts as that instead of its status.
 */
export function summaryLine(accounts: readonly AccountSummary[], window?: DueWindow): string {
  if (accounts.length === 0) return 'No accounts yet';
  const due = (account: AccountSummary) =>
    window !== undefined && dueSoonDays(account, window) !== null;
  const parts: string[] = [];
  for (const [status, words] of SUMMARY_WORDS) {
    const count = accounts.filter((account) => account.status === status && !due(account)).length;
    if (count > 0) parts.push(`${count} ${words}`);
  }
  const dueCount = accounts.filter(due).length;
  if (dueCount > 0) parts.push(`${dueCount} due soon`);
  const needYou = accounts.filter((account) => URGENCY[account.status] === 'you').length;
  if (needYou > 0) parts.push(`${needYou} ${needYou === 1 ? 'needs' : 'need'} you`);
  return parts.join(' · ');
}

/**
 * What the tray's menu offers beside the summary: "Fix …" for each account needing the creator
 * now, then "Sign in again within N days: …" for each due soon. `name` words each account.
 */
export function attentionMenuItems(
  accounts: readonly AccountSummary[],
  window: DueWindow,
  name: (account: AccountSummary) => string,
): { label: string; accountId: string }[] {
  const items = accounts
    .filter((account) => URGENCY[account.status] === 'you')
    .map((account) => ({ label: `Fix ${name(account)}`, accountId: account.id }));
  for (const account of accounts) {
    const days = dueSoonDays(account, window);
    if (days !== null)
      items.push({ label: `${dueSoonText(days)}: ${name(account)}`, accountId: account.id });
  }
  return items;
}
