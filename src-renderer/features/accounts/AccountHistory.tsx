import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '../../../src-shared/ipc-contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TechnicalDetails } from '../../components/TechnicalDetails';
import { asIpcError, invoke, type IpcError } from '../../ipc';
import { absoluteTime } from '../../time-words';
import { historyLine } from './audit-words';
import { useAccounts } from './use-accounts';

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
  // Whatever changes the account (a renewal, a reconnect, a check elsewhere) adds to its history:
  // the same accounts.changed event that updates every screen reloads it here.
  const updatedAt = useAccounts(
    (state) => state.accounts.find((account) => account.id === accountId)?.updatedAt,
  );
  useEffect(() => {
    void load();
  }, [load, updatedAt]);
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
          {entries.map((entry, index) => {
            const line = historyLine(entry);
            return (
              <li key={`${entry.at}-${index}`} className={`audit-${entry.outcome}`}>
                <time dateTime={entry.at}>{absoluteTime(entry.at)}</time>
                <strong>{line.text}</strong>
                {line.technical ? <TechnicalDetails>{line.technical}</TechnicalDetails> : null}
              </li>
            );
          })}
        </ol>
      ) : null}
    </section>
  );
}
