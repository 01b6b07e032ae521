import type { AccountSummary } from '../../../src-shared/account';
import { dueSoonDays, dueSoonText } from '../../../src-shared/account-summary';
import { useDueWindow } from '../alerts/use-attention';
import { isRunning, useConnect } from './connect-store';
import { useConnectAction } from './use-connect';

/**
 * "Sign in again within 6 days" and Reconnect now, for an account inside the re-auth warning
 * window; nothing otherwise. The same words on Overview, Accounts and the detail page.
 */
export function DueSoon({
  account,
  describedBy,
}: {
  account: AccountSummary;
  describedBy?: string;
}) {
  const window = useDueWindow();
  const connect = useConnectAction();
  const attempt = useConnect((state) => state.attempts[account.provider]);
  const days = dueSoonDays(account, window);
  if (days === null) return null;
  return (
    <div className="due-soon" data-testid="due-soon">
      <span className="due-soon-text">{dueSoonText(days)}</span>
      <button
        type="button"
        className="primary"
        aria-describedby={describedBy}
        disabled={attempt ? isRunning(attempt) : false}
        onClick={() => connect(account.provider, account.id)}
      >
        Reconnect now
      </button>
    </div>
  );
}
