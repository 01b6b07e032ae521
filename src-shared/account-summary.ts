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

/** "5 healthy · 1 expiring · 1 needs you": every account counted once. */
export function summaryLine(accounts: readonly AccountSummary[]): string {
  if (accounts.length === 0) return 'No accounts yet';
  const parts: string[] = [];
  for (const [status, words] of SUMMARY_WORDS) {
    const count = accounts.filter((account) => account.status === status).length;
    if (count > 0) parts.push(`${count} ${words}`);
  }
  const needYou = accounts.filter((account) => URGENCY[account.status] === 'you').length;
  if (needYou > 0) parts.push(`${needYou} ${needYou === 1 ? 'needs' : 'need'} you`);
  return parts.join(' · ');
}
