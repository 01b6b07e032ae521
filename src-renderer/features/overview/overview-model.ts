import type { AccountSummary } from '../../../src-shared/account';
import { URGENCY, type Urgency } from '../../../src-shared/account-summary';

// The summary wording is shared with the tray (src-shared/account-summary.ts).
export { URGENCY, summaryLine, type Urgency } from '../../../src-shared/account-summary';

const RANK: Record<Urgency, number> = { you: 0, watch: 1, fine: 2 };

// One collator for every comparison: localeCompare sets up the locale's rules on each call.
const byName = new Intl.Collator().compare;

/** Accounts needing the creator first, then those Switchboard is working on, then by name. */
export function byUrgency(accounts: readonly AccountSummary[]): AccountSummary[] {
  return [...accounts].sort(
    (a, b) =>
      RANK[URGENCY[a.status]] - RANK[URGENCY[b.status]] ||
      byName(a.label ?? a.displayName, b.label ?? b.displayName),
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
  // Each date parsed once, not in every comparison (a thousand accounts sort in ~10,000 of them).
  return entries
    .map((entry) => ({ entry, at: Date.parse(entry.when) }))
    .sort((a, b) => a.at - b.at)
    .map(({ entry, at }) => ({ ...entry, soon: at <= horizon }));
}
