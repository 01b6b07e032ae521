import { useEffect, useState } from 'react';
import type { AccountAlert } from '../../../src-shared/alerts';
import { on } from '../../ipc';
import { useNavigation } from '../../navigation-store';
import { alertText, withAlert } from './alert-list';
import { useAttention } from './use-attention';

/** Account alerts as they arrive, on every screen, each with the way to that account. */
export function AlertNotices() {
  const [alerts, setAlerts] = useState<AccountAlert[]>([]);
  const openAccount = useNavigation((state) => state.openAccount);
  useEffect(() => on('alerts.raised', (alert) => setAlerts((list) => withAlert(list, alert))), []);
  // An account the banner above already lists as needing the creator is said there, once.
  const inBanner = new Set(useAttention().map((account) => account.id));
  const shown = alerts.filter((alert) => !inBanner.has(alert.accountId));
  const dismiss = (accountId: string) =>
    setAlerts((list) => list.filter((item) => item.accountId !== accountId));
  return (
    <ul className="alert-notices" aria-label="Alerts" aria-live="polite">
      {shown.map((alert) => (
        <li
          key={alert.accountId}
          className={`notice ${alert.newStatus === 'healthy' ? 'notice-ok' : 'notice-warn'}`}
        >
          <p>{alertText(alert)}</p>
          <span className="actions">
            <button
              type="button"
              onClick={() => {
                dismiss(alert.accountId);
                openAccount(alert.accountId);
              }}
            >
              Open
            </button>
            <button type="button" onClick={() => dismiss(alert.accountId)}>
              Dismiss
            </button>
          </span>
        </li>
      ))}
    </ul>
  );
}
