import { memo, useEffect, useId, useRef, useState } from 'react';
import type { AccountSummary } from '../../../src-shared/account';
import { StatusPill } from '../../components/StatusPill';
import type { RowSlot } from '../../components/WindowedList';
import { AccountActions } from './AccountActions';
import { AccountAvatar } from './AccountAvatar';
import { AccountHeading } from './AccountHeading';
import { DueSoon } from './DueSoon';
import { RenameField } from './RenameField';

/** Memoised: a list of 1,000 re-renders only the cards whose account changed (accounts-store keeps the rest). */
export const AccountCard = memo(function AccountCard({
  account,
  onDisconnect,
  compact,
  slot,
}: {
  account: AccountSummary;
  onDisconnect(account: AccountSummary): void;
  /** Narrow window: the actions go behind one "Actions" menu so the name keeps the row's width. */
  compact: boolean;
  /** Its place in a windowed list. */
  slot?: RowSlot;
}) {
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const nameId = useId();

  useEffect(() => {
    if (!renaming && returnFocus.current) {
      returnFocus.current = false;
      renameButton.current?.focus();
    }
  }, [renaming]);

  return (
    <li className="account-card" data-status={account.status} {...slot}>
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
      <AccountActions
        account={account}
        nameId={nameId}
        renaming={renaming}
        compact={compact}
        renameButton={renameButton}
        onRename={() => setRenaming(true)}
        onDisconnect={onDisconnect}
      />
    </li>
  );
});
