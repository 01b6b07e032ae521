import type { AccountAlert } from '../../../src-shared/alerts';
import { STATUS_TEXT } from '../../components/StatusPill';

/** At most this many alerts stay on screen; older ones are in each account's history. */
export const MAX_SHOWN = 3;

/** Adds an alert: one per account (the newest wins), newest first, at most MAX_SHOWN. */
export function withAlert(list: readonly AccountAlert[], alert: AccountAlert): AccountAlert[] {
  if (alert.kind === 'test') return [...list];
  return [alert, ...list.filter((item) => item.accountId !== alert.accountId)].slice(0, MAX_SHOWN);
}

/** The alert in one sentence. */
export function alertText(alert: AccountAlert): string {
  if (alert.kind === 'reauth_due')
    return `${alert.label} will need you to sign in again${alert.reauthBy ? ` by ${new Date(alert.reauthBy).toLocaleDateString()}` : ''}.`;
  const recovered = alert.newStatus === 'healthy' && alert.oldStatus !== null;
  if (recovered) return `${alert.label} works again.`;
  return `${alert.label}: ${STATUS_TEXT[alert.newStatus]}${alert.reason ? ` — ${alert.reason}` : '.'}`;
}
