import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '../../../src-shared/ipc-contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { asIpcError, invoke, type IpcError } from '../../ipc';
import { absoluteTime } from '../../time-words';
import { useAccounts } from './use-accounts';

const ACTION_WORDS: Record<string, string> = {
  connect: 'Connected',
  refresh: 'Token renewed',
  rotate: 'Refresh token rotated',
  check: 'Sign-in checked',
  revoke: 'Access revoked',
  disconnect: 'Disconnected',
  error: 'Error',
  key_rotation: 'Vault key rotated',
  import: 'Restored from a backup',
  transition: 'Status changed',
  tool_token: 'Token handed to a tool',
  tool_request: 'Tool request sent',
};

/** "Check now" and the account's audit trail (connect, renewals, rotations, errors, tool hand-outs). */
export function AccountHistory({ accountId }: { accountId: string }) {
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [checking, setChecking] = useState(false);
  const [checked, setChecked] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setEntries(await invoke('accounts.audit', { accountId, limit: 50 }));
      setError(null);
    } catch (failure) {
      setError(asIpcError(failure));
    }
  }, [accountId]);
  useEffect(() => {
    void load();
  }, [load]);
  const check = async () => {
    setChecking(true);
    setChecked(null);
    try {
      const [account] = await invoke('accounts.check', { accountId });
      if (account) useAccounts.getState().upsert(account);
      setChecked(`Checked at ${new Date().toLocaleTimeString()}.`);
    } catch (failure) {
      setError(asIpcError(failure));
    }
    setChecking(false);
    await load();
  };
  return (
    <section aria-labelledby="detail-history">
      <div className="actions">
        <h4 id="detail-history">History</h4>
        <button type="button" disabled={checking} onClick={() => void check()}>
          {checking ? 'Checking…' : 'Check now'}
        </button>
        <span className="saved" role="status">
          {checked}
        </span>
      </div>
      {error ? <ErrorNotice message={error.message} code={error.code} /> : null}
      {entries === null && !error ? <p className="muted">Loading…</p> : null}
      {entries?.length === 0 ? <p className="muted">Nothing recorded yet.</p> : null}
      {entries && entries.length > 0 ? (
        <ol className="audit-list" data-testid="audit-trail">
          {entries.map((entry, index) => (
            <li key={`${entry.at}-${index}`} className={`audit-${entry.outcome}`}>
              <time dateTime={entry.at}>{absoluteTime(entry.at)}</time>
              <strong>
                {ACTION_WORDS[entry.action] ?? entry.action}
                {entry.outcome === 'failed' ? ' — failed' : ''}
              </strong>
              {entry.detail ? <span className="muted">{entry.detail}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
