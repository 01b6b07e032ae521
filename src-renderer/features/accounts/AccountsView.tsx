import { useEffect, useMemo, useState } from 'react';
import type { AccountSummary } from '../../../src-shared/account';
import { PLATFORM_IDS, PLATFORMS } from '../../../src-shared/platforms';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { isLongList, WindowedList } from '../../components/WindowedList';
import type { IpcError } from '../../ipc';
import { useNavigation } from '../../navigation-store';
import { useNarrow } from '../../use-narrow';
import { AccountCard } from './AccountCard';
import { AccountDetail } from './AccountDetail';
import { AccountFilter } from './AccountFilter';
import { filterAccounts } from './account-filter';
import { accountName } from './accounts-store';
import { useAccounts } from './use-accounts';
import { AttemptCard } from './AttemptCard';
import { ConnectButtons } from './ConnectButtons';
import { useConnect } from './connect-store';
import { DisconnectNotice } from './DisconnectNotice';
import { VaultUnlock } from '../vault/VaultUnlock';

const accountKey = (account: AccountSummary) => account.id;

export function AccountsView() {
  const { vault, accounts, error, unlocking, outcome, load, unlock, disconnect, follow } =
    useAccounts();
  const connect = useConnect();
  const compact = useNarrow();
  const accountId = useNavigation((state) => state.accountId);
  const [confirming, setConfirming] = useState<AccountSummary | null>(null);
  const [disconnecting, setDisconnecting] = useState(false);
  const [disconnectError, setDisconnectError] = useState<IpcError | null>(null);
  const [query, setQuery] = useState('');
  const { load: loadConnect, follow: followConnect } = connect;
  useEffect(() => {
    void load();
    void loadConnect();
    const stopAccounts = follow();
    const stopConnect = followConnect();
    return () => {
      stopAccounts();
      stopConnect();
    };
  }, [load, follow, loadConnect, followConnect]);
  // The same arrays until the accounts change, so a windowed list keeps its measurements.
  const shown = useMemo(() => filterAccounts(accounts, query), [accounts, query]);
  const groups = useMemo(
    () =>
      PLATFORM_IDS.map((platform) => ({
        platform,
        group: shown.filter((account) => account.platform === platform),
      })),
    [shown],
  );

  if (!vault)
    return error ? (
      <ErrorNotice message={error.message} code={error.code} />
    ) : (
      <p className="muted">Loading…</p>
    );
  if (vault.state === 'locked') {
    return (
      <VaultUnlock
        status={vault}
        unlocking={unlocking}
        error={error}
        onUnlock={(p) => void unlock(p)}
      />
    );
  }

  const confirmDisconnect = async () => {
    if (!confirming) return;
    setDisconnecting(true);
    const refusal = await disconnect(confirming);
    setDisconnecting(false);
    setDisconnectError(refusal);
    if (!refusal) setConfirming(null);
  };
  const attempts = Object.values(connect.attempts);
  const detail = accountId ? accounts.find((account) => account.id === accountId) : undefined;
  return (
    <>
      {detail ? null : <ConnectButtons />}
      <ul className="attempt-list" aria-label="Sign-ins" aria-live="polite">
        {attempts.map((attempt) => (
          <AttemptCard key={attempt.provider} attempt={attempt} />
        ))}
      </ul>
      <p className="announcement" role="status">
        {connect.announcement ? (
          <span key={connect.announcement.id}>{connect.announcement.text}</span>
        ) : null}
      </p>
      {outcome ? (
        <DisconnectNotice
          outcome={outcome}
          takeFocus={confirming === null}
          onDismiss={useAccounts.getState().dismissOutcome}
        />
      ) : null}
      {detail ? (
        <AccountDetail account={detail} onDisconnect={setConfirming} />
      ) : accounts.length === 0 ? (
        <EmptyState title="No accounts connected yet">
          Connect your YouTube, Instagram, TikTok and X accounts with the buttons above; Switchboard
          will keep their connections alive and warn you before anything expires.
        </EmptyState>
      ) : (
        <>
          {isLongList(accounts.length) ? (
            <AccountFilter
              query={query}
              shown={shown.length}
              total={accounts.length}
              onChange={setQuery}
            />
          ) : null}
          {groups.map(({ platform, group }) => {
            if (group.length === 0) return null;
            return (
              <section
                key={platform}
                className="platform-group"
                aria-labelledby={`group-${platform}`}
              >
                <h3 id={`group-${platform}`}>{PLATFORMS[platform].displayName}</h3>
                <WindowedList
                  items={group}
                  windowed={isLongList(shown.length)}
                  className="account-list"
                  labelledBy={`group-${platform}`}
                  estimate={compact ? 150 : 108}
                  gap={10}
                  getKey={accountKey}
                  renderRow={(account, slot) => (
                    <AccountCard
                      key={account.id}
                      account={account}
                      onDisconnect={setConfirming}
                      compact={compact}
                      slot={slot}
                    />
                  )}
                />
              </section>
            );
          })}
        </>
      )}
      {confirming ? (
        <ConfirmDialog
          title={`Disconnect ${accountName(confirming)}?`}
          confirmLabel="Disconnect"
          busyLabel="Disconnecting…"
          busy={disconnecting}
          danger
          onConfirm={() => void confirmDisconnect()}
          onCancel={() => {
            setConfirming(null);
            setDisconnectError(null);
          }}
        >
          <p>
            {`Switchboard will ask ${PLATFORMS[confirming.platform].displayName} to revoke its access, then delete this account’s tokens from this computer. Tools that use this account through Switchboard stop working.`}
          </p>
          {disconnectError ? (
            <ErrorNotice message={disconnectError.message} code={disconnectError.code} />
          ) : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
