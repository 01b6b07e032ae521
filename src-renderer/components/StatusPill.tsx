import type { AccountStatus } from '../../src-shared/account';

export const STATUS_TEXT: Record<AccountStatus, string> = {
  healthy: 'Connected',
  refreshing: 'Refreshing…',
  expiring: 'Renewal failing, retrying',
  rate_limited: 'Rate limited',
  needs_reauth: 'Reconnect needed',
  account_problem: 'Problem with the account',
  verify: 'Checking restored tokens',
  vault_error: 'Stored token damaged',
};

/** An account's status in words; the colour only repeats them. */
export function StatusPill({ status }: { status: AccountStatus }) {
  return <span className={`status-pill status-${status}`}>{STATUS_TEXT[status]}</span>;
}
