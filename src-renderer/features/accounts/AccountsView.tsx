import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { AccountCard } from './AccountCard';
import { useAccounts } from './accounts-store';
import { VaultUnlock } from './VaultUnlock';

export function AccountsView() {
  const { vault, accounts, error, unlocking, load, unlock, follow } = useAccounts();
  useEffect(() => {
    void load();
    return follow();
  }, [load, follow]);

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
  if (accounts.length === 0) {
    return (
      <EmptyState title="No accounts connected yet">
        Connect your YouTube, Instagram, TikTok and X accounts here; Switchboard will keep their
        connections alive and warn you before anything expires.
      </EmptyState>
    );
  }
  return (
    <ul className="account-list" aria-label="Connected accounts">
      {accounts.map((account) => (
        <AccountCard key={account.id} account={account} />
      ))}
    </ul>
  );
}
