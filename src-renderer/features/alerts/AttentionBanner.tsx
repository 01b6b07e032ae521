import { dueSoonDays, dueSoonText } from '../../../src-shared/account-summary';
import { PLATFORMS } from '../../../src-shared/platforms';
import { STATUS_TEXT } from '../../components/StatusPill';
import { useNavigation } from '../../navigation-store';
import { accountName } from '../accounts/accounts-store';
import { useNotificationPermission } from './browser-notifications';
import { useAttention, useDueWindow } from './use-attention';

/**
 * What needs the creator, on every screen, straight from the account list (so it shows the
 * moment a status changes, not only after the alert hold). The region is always present, so
 * screen readers announce what appears in it.
 */
export function AttentionBanner() {
  const accounts = useAttention();
  const window = useDueWindow();
  const openAccount = useNavigation((state) => state.openAccount);
  const { permission, ask } = useNotificationPermission();
  const count = accounts.length;
  return (
    <div role="status" className="attention-region" data-testid="attention-banner">
      {count === 0 ? null : (
        <div className="notice notice-warn attention-banner">
          <p>
            <strong>
              {count === 1 ? 'One account needs you.' : `${count} accounts need you.`}
            </strong>
          </p>
          <ul className="attention-list">
            {accounts.slice(0, 3).map((account) => {
              const days = dueSoonDays(account, window);
              const name = `${PLATFORMS[account.platform].displayName} · ${accountName(account)}`;
              return (
                <li key={account.id}>
                  <span>
                    {name}: {days === null ? STATUS_TEXT[account.status] : dueSoonText(days)}
                  </span>
                  <button
                    type="button"
                    aria-label={`Open ${accountName(account)}`}
                    onClick={() => openAccount(account.id)}
                  >
                    Open
                  </button>
                </li>
              );
            })}
          </ul>
          {count > 3 ? <p className="small">And {count - 3} more on Overview.</p> : null}
          {permission === 'default' ? (
            <button type="button" onClick={() => void ask()}>
              Also tell me in a browser notification
            </button>
          ) : null}
        </div>
      )}
    </div>
  );
}
