import type { AccountStatus, AccountSummary } from '../../../src-shared/account';

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

const RANK: Record<Urgency, number> = { you: 0, watch: 1, fine: 2 };

/** Accounts needing the creator first, then those Switchboard is working on, then by name. */
export function byUrgency(accounts: readonly AccountSummary[]): AccountSummary[] {
  return [...accounts].sort(
    (a, b) =>
      RANK[URGENCY[a.status]] - RANK[URGENCY[b.status]] ||
      (a.label ?? a.displayName).localeCompare(b.label ?? b.displayName),
  );
}

/** The re-auth forecast fields, once main sends them (older mains do not). */
interface Forecast {
  reauthBy?: string | null;
  reauthReason?: string | null;
}

export interface CalendarEntry {
  account: AccountSummary;
  /** When the creator is needed (ISO). */
  when: string;
  why: string;
  /** Within the warning lead time (Settings), or already due. */
  soon: boolean;
}

/** Whether main sends the re-auth forecast at all. */
export function hasForecast(accounts: readonly AccountSummary[]): boolean {
  return accounts.some((account) => 'reauthBy' in account);
}

/**
 * What will need the creator, and when, soonest first. With the forecast: its dates. Without it:
 * only what is known for sure — accounts that already need them (now), and access that runs out
 * with no refresh planned.
 */
export function reauthCalendar(
  accounts: readonly AccountSummary[],
  now: number,
  warningDays = 7,
): CalendarEntry[] {
  const entries: Omit<CalendarEntry, 'soon'>[] = [];
  for (const account of accounts) {
    const forecast = account as AccountSummary & Forecast;
    if (URGENCY[account.status] === 'you') {
      entries.push({
        account,
        when: new Date(now).toISOString(),
        why: account.statusReason ?? 'Needs you now.',
      });
    } else if (forecast.reauthBy) {
      entries.push({
        account,
        when: forecast.reauthBy,
        why: forecast.reauthReason ?? 'The platform ends this sign-in then.',
      });
    } else if (!account.nextRefreshAt && account.accessExpiresAt) {
      entries.push({
        account,
        when: account.accessExpiresAt,
        why: 'Access ends then and no automatic renewal is planned.',
      });
    }
  }
  const horizon = now + warningDays * 86_400_000;
  return entries
    .map((entry) => ({ ...entry, soon: Date.parse(entry.when) <= horizon }))
    .sort((a, b) => Date.parse(a.when) - Date.parse(b.when));
}
