import type { RefObject } from 'react';
import type { AccountSummary } from '../../../src-shared/account';
import { ActionMenu, type MenuAction } from '../../components/ActionMenu';
import { useNavigation } from '../../navigation-store';
import { isRunning, useConnect } from './connect-store';
import { useConnectAction } from './use-connect';

/** What can be done to an account from its row, in the order the row shows them. */
function rowActions(
  account: AccountSummary,
  reconnect: () => void,
  reconnecting: boolean,
  renaming: boolean,
  onRename: () => void,
  onDisconnect: () => void,
): MenuAction[] {
  return [
    ...(account.status === 'needs_reauth'
      ? [{ label: 'Reconnect', onSelect: reconnect, disabled: reconnecting, className: 'primary' }]
      : []),
    { label: 'Details', onSelect: () => useNavigation.getState().openAccount(account.id) },
    ...(renaming ? [] : [{ label: 'Rename', onSelect: onRename }]),
    { label: 'Disconnect', onSelect: onDisconnect, className: 'danger-quiet' },
  ];
}

/** A row's actions: inline buttons, or one "Actions" menu when the window is narrow. */
export function AccountActions({
  account,
  nameId,
  renaming,
  compact,
  renameButton,
  onRename,
  onDisconnect,
}: {
  account: AccountSummary;
  /** The id of the row's name, which describes each action ("Rename" — which account?). */
  nameId: string;
  renaming: boolean;
  compact: boolean;
  /** Where focus returns after a rename: the Rename button, or the menu's button when narrow. */
  renameButton: RefObject<HTMLButtonElement | null>;
  onRename(): void;
  onDisconnect(account: AccountSummary): void;
}) {
  const connect = useConnectAction();
  const attempt = useConnect((state) => state.attempts[account.provider]);
  const reconnecting = attempt ? isRunning(attempt) : false;
  const actions = rowActions(
    account,
    () => connect(account.provider, account.id),
    reconnecting,
    renaming,
    onRename,
    () => onDisconnect(account),
  );
  // While renaming, the name is a text field; describing by it would read its value as a name.
  const describedBy = renaming ? undefined : nameId;
  return (
    <div className="account-actions">
      {compact ? (
        <ActionMenu actions={actions} describedBy={describedBy} buttonRef={renameButton} />
      ) : (
        actions.map((action) => (
          <button
            key={action.label}
            ref={action.label === 'Rename' ? renameButton : undefined}
            type="button"
            className={action.className}
            aria-describedby={describedBy}
            disabled={action.disabled}
            onClick={action.onSelect}
          >
            {action.label}
          </button>
        ))
      )}
    </div>
  );
}
