import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
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
  const restore = (event: FormEvent) => {
    event.preventDefault();
    if (!chosen || busy) return;
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
      <form className="backup-form" onSubmit={restore} aria-label="Restore a backup">
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
      <p className="saved" role="status">
        {done}
      </p>
      {error ? <ErrorNotice message={error.message} code={error.code} /> : null}
    </>
  );
}
