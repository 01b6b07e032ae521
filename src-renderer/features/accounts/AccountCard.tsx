import { memo, useEffect, useId, useRef, useState } from 'react';
import type { AccountSummary } from '../../../src-shared/account';
import { StatusPill } from '../../components/StatusPill';
import { useNavigation } from '../../navigation-store';
import { isRunning, useConnect } from './connect-store';
import { AccountAvatar } from './AccountAvatar';
import { AccountHeading } from './AccountHeading';
import { DueSoon } from './DueSoon';
import { RenameField } from './RenameField';
import { useConnectAction } from './use-connect';

/** Memoised: a list of 1,000 re-renders only the cards whose account changed (accounts-store keeps the rest). */
export const AccountCard = memo(function AccountCard({
  account,
  onDisconnect,
}: {
  account: AccountSummary;
  onDisconnect(account: AccountSummary): void;
}) {
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const nameId = useId();
  const connect = useConnectAction();
  const attempt = useConnect((state) => state.attempts[account.provider]);
  const reconnecting = attempt ? isRunning(attempt) : false;

  useEffect(() => {
    if (!renaming && returnFocus.current) {
      returnFocus.current = false;
      renameButton.current?.focus();
    }
  }, [renaming]);

  return (
    <li className="account-card" data-status={account.status}>
      <AccountAvatar account={account} />
      <AccountHeading
        account={account}
        className="account-name"
        withOriginalName
        name={
          renaming ? (
            <RenameField
              account={account}
              onDone={() => {
                returnFocus.current = true;
                setRenaming(false);
              }}
            />
          ) : (
            <strong id={nameId}>{account.label ?? account.displayName}</strong>
          )
        }
      />
      <div className="account-status">
        <StatusPill status={account.status} />
        {account.statusReason ? <div className="muted small">{account.statusReason}</div> : null}
        <DueSoon account={account} describedBy={nameId} />
      </div>
      <div className="account-actions">
        {account.status === 'needs_reauth' ? (
          <button
            type="button"
            className="primary"
            aria-describedby={nameId}
            disabled={reconnecting}
            onClick={() => connect(account.provider, account.id)}
          >
            Reconnect
          </button>
        ) : null}
        <button
          type="button"
          aria-describedby={nameId}
          onClick={() => useNavigation.getState().openAccount(account.id)}
        >
          Details
        </button>
        {renaming ? null : (
          <button
            ref={renameButton}
            type="button"
            aria-describedby={nameId}
            onClick={() => setRenaming(true)}
          >
            Rename
          </button>
        )}
        <button
          type="button"
          className="danger-quiet"
          aria-describedby={renaming ? undefined : nameId}
          onClick={() => onDisconnect(account)}
        >
          Disconnect
        </button>
      </div>
    </li>
  );
});
