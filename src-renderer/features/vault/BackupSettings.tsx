import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { AccountSummary } from '../../../src-shared/account';
import { PLATFORMS } from '../../../src-shared/platforms';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { accountName } from '../accounts/accounts-store';
import { useAccounts } from '../accounts/use-accounts';
import { asIpcError, invoke, type IpcError } from '../../ipc';
import { newPassphraseProblem } from './passphrase-rule';
import { EMPTY_PASSPHRASE, PassphraseField, type NewPassphrase } from './PassphraseField';

interface Backup {
  name: string;
  createdAt: string;
}

/** Backups: export with a passphrase (typed twice), and restore one from the backups folder. */
export function BackupSettings() {
  const [backups, setBackups] = useState<Backup[]>([]);
  const [typed, setTyped] = useState<NewPassphrase>(EMPTY_PASSPHRASE);
  const [chosen, setChosen] = useState('');
  const [restorePassphrase, setRestorePassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const current = useAccounts((state) => state.accounts);
  const ruleId = useId();
  const problem = newPassphraseProblem(typed.passphrase, typed.again);
  const list = useCallback(async () => {
    try {
      setBackups(await invoke('vault.backups', {}));
    } catch (failure) {
      setError(asIpcError(failure));
    }
  }, []);
  useEffect(() => {
    void list();
  }, [list]);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setDone(await work());
    } catch (failure) {
      setError(asIpcError(failure));
    }
    setBusy(false);
    await list();
  };
  const exportNow = (event: FormEvent) => {
    event.preventDefault();
    if (problem || busy) return;
    void run(async () => {
      const result = await invoke('vault.exportBackup', { passphrase: typed.passphrase });
      setTyped(EMPTY_PASSPHRASE);
      return `Backed up ${result.accounts} account${result.accounts === 1 ? '' : 's'} to ${result.name} in ${result.folder}.`;
    });
  };
  const askRestore = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || busy) return;
    setConfirming(true);
  };
  const restore = () => {
    setConfirming(false);
    void run(async () => {
      const result = await invoke('vault.importBackup', {
        name: chosen,
        passphrase: restorePassphrase,
      });
      setRestorePassphrase('');
      return `Restored ${result.accounts} account${result.accounts === 1 ? '' : 's'}; Switchboard checks each once.`;
    });
  };
  return (
    <>
      <form className="backup-form" onSubmit={exportNow} aria-label="Export a backup">
        <h4>Export a backup</h4>
        <PassphraseField
          label="Backup passphrase"
          againLabel="Type it again"
          value={typed}
          onChange={setTyped}
          idle="The backup is encrypted with this passphrase; without it nobody can open it."
          ruleId={ruleId}
        />
        <button type="submit" disabled={busy || problem !== null} aria-describedby={ruleId}>
          Export backup
        </button>
      </form>
      <form className="backup-form" onSubmit={askRestore} aria-label="Restore a backup">
        <h4>Restore a backup</h4>
        {backups.length === 0 ? (
          <p className="muted small">No backups in the backups folder yet.</p>
        ) : (
          <>
            <label>
              Backup
              <select value={chosen} onChange={(event) => setChosen(event.target.value)}>
                <option value="">Choose one…</option>
                {backups.map((backup) => (
                  <option key={backup.name} value={backup.name}>
                    {`${new Date(backup.createdAt).toLocaleString()} — ${backup.name}`}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Its passphrase
              <input
                type="password"
                autoComplete="current-password"
                value={restorePassphrase}
                onChange={(event) => setRestorePassphrase(event.target.value)}
              />
            </label>
            <p className="muted small">
              Restoring replaces every account here with the backup’s, in one step: a wrong
              passphrase or a damaged file changes nothing.
            </p>
            <button type="submit" disabled={busy || !chosen || restorePassphrase === ''}>
              Restore backup
            </button>
          </>
        )}
      </form>
      {confirming ? (
        <ConfirmDialog
          title="Replace your accounts with this backup?"
          confirmLabel="Replace accounts"
          danger
          onConfirm={restore}
          onCancel={() => setConfirming(false)}
        >
          <RestoreReplaces
            accounts={current}
            backup={backups.find((backup) => backup.name === chosen) ?? null}
          />
        </ConfirmDialog>
      ) : null}
      <p className="saved" role="status">
        {done}
      </p>
      {error ? <ErrorNotice message={error.message} code={error.code} /> : null}
    </>
  );
}

/** What a restore replaces, by name: the creator confirms knowing what goes. */
function RestoreReplaces({
  accounts,
  backup,
}: {
  accounts: readonly AccountSummary[];
  backup: Backup | null;
}) {
  const from = backup
    ? `the backup of ${new Date(backup.createdAt).toLocaleString()}`
    : 'the backup';
  if (accounts.length === 0)
    return <p>No account is connected here now; the accounts in {from} take their place.</p>;
  const names = accounts.map(
    (account) => `${PLATFORMS[account.platform].displayName} · ${accountName(account)}`,
  );
  return (
    <>
      <p>
        {accounts.length === 1
          ? `The account connected here now is replaced by the accounts in ${from}:`
          : `All ${accounts.length} accounts connected here now are replaced by the accounts in ${from}:`}
      </p>
      <ul data-testid="restore-replaces">
        {names.slice(0, 8).map((name) => (
          <li key={name}>{name}</li>
        ))}
      </ul>
      {names.length > 8 ? <p>And {names.length - 8} more.</p> : null}
      <p>
        An account connected after that backup was made is gone afterwards, unless the backup has it
        too.
      </p>
    </>
  );
}
