import { useState } from 'react';
import type { AccountSummary } from '../../../src-shared/account';
import { PLATFORMS } from '../../../src-shared/platforms';

const STATUS_TEXT: Record<AccountSummary['status'], string> = {
  active: 'Connected',
  refreshing: 'Refreshing…',
  expiring: 'Expiring soon',
  needs_reauth: 'Reconnect needed',
  suspended: 'Suspended by the platform',
  not_eligible: 'Not eligible',
  rate_limited: 'Rate limited',
  vault_error: 'Stored token damaged',
};

export function AccountCard({ account }: { account: AccountSummary }) {
  // Offline or an expired CDN link: show the neutral circle, not a broken image.
  const [avatarFailed, setAvatarFailed] = useState(false);
  return (
    <li className="account-card" data-status={account.status}>
      {account.avatarUrl && !avatarFailed ? (
        <img
          className="avatar"
          src={account.avatarUrl}
          alt=""
          onError={() => setAvatarFailed(true)}
        />
      ) : (
        <span className="avatar" />
      )}
      <div>
        <strong>{account.label ?? account.displayName}</strong>
        <div className="muted">
          {PLATFORMS[account.platform].displayName}
          {account.handle ? ` · ${account.handle}` : ''}
        </div>
      </div>
      <div className="account-status">
        <span className={`status-pill status-${account.status}`}>
          {STATUS_TEXT[account.status]}
        </span>
        {account.statusReason ? <div className="muted small">{account.statusReason}</div> : null}
      </div>
    </li>
  );
}
