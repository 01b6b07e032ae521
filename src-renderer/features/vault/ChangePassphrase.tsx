import { useId, useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import { asIpcError, invoke, type IpcError } from '../../ipc';
import { MIN_PASSPHRASE_CHARACTERS, newPassphraseProblem } from './passphrase-rule';
import { EMPTY_PASSPHRASE, PassphraseField, type NewPassphrase } from './PassphraseField';

/** Server codes that belong to one field, so the message appears next to it. */
const FIELD_OF_CODE: Record<string, 'current' | 'next'> = {
  passphrase_current_wrong: 'current',
  passphrase_too_weak: 'next',
};

/**
 * Settings → Vault → Change passphrase. A vault kept by the OS key store (or a raw key) has no
 * current passphrase to ask for: saving moves it to passphrase protection.
 */
export function ChangePassphrase({ keyProtector }: { keyProtector: string }) {
  const asksCurrent = keyProtector === 'passphrase';
  const [current, setCurrent] = useState('');
  const [typed, setTyped] = useState<NewPassphrase>(EMPTY_PASSPHRASE);
  const [rotateKey, setRotateKey] = useState(true);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const ruleId = useId();
  const ready =
    (!asksCurrent || current !== '') &&
    newPassphraseProblem(typed.passphrase, typed.again) === null &&
    !busy;
  const serverField = error ? FIELD_OF_CODE[error.code] : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    setDone(null);
    setError(null);
    setConfirming(true);
  };
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await invoke('vault.changePassphrase', { current, next: typed.passphrase, rotateKey });
      setCurrent('');
      setTyped(EMPTY_PASSPHRASE);
      setDone(
        rotateKey
          ? 'Passphrase changed and data key rotated.'
          : 'Passphrase changed; older copies of the vault file still open with the old one.',
      );
      setConfirming(false);
    } catch (failure) {
      const ipcError = asIpcError(failure);
      setError(ipcError);
      // A field's error is shown by the field: close the dialog so it can be fixed.
      if (FIELD_OF_CODE[ipcError.code]) setConfirming(false);
    }
    setBusy(false);
  };

  return (
    <>
      <form className="backup-form" onSubmit={submit} aria-label="Change passphrase">
        <h4>Change passphrase</h4>
        {asksCurrent ? (
          <TextField
            label="Current passphrase"
            type="password"
            autoComplete="current-password"
            value={current}
            error={serverField === 'current' ? error?.message : undefined}
            onChange={(value) => {
              setCurrent(value);
              if (serverField === 'current') setError(null);
            }}
          />
        ) : (
          <p className="muted small">
            The vault key is kept by the system now; saving a passphrase here replaces that, and
            Switchboard asks for the passphrase at each start.
          </p>
        )}
        <PassphraseField
          label="New passphrase"
          againLabel="New passphrase again"
          value={typed}
          onChange={(value) => {
            setTyped(value);
            if (serverField === 'next') setError(null);
          }}
          idle={`At least ${MIN_PASSPHRASE_CHARACTERS} characters, not only spaces. It cannot be recovered if you forget it.`}
          ruleId={ruleId}
          error={serverField === 'next' ? error?.message : null}
        />
        <label className="check-field">
          <input
            type="checkbox"
            checked={rotateKey}
            onChange={(event) => setRotateKey(event.target.checked)}
          />
          Also rotate the data key
        </label>
        <p className="muted small">
          Without it, old copies and backups of the vault file still open with the old passphrase.
        </p>
        <button type="submit" disabled={!ready} aria-describedby={ruleId}>
          Change passphrase…
        </button>
        <p className="saved" role="status">
          {done}
        </p>
      </form>
      {confirming ? (
        <ConfirmDialog
          title="Change the vault passphrase?"
          confirmLabel="Change passphrase"
          busyLabel="Changing…"
          busy={busy}
          onConfirm={() => void save()}
          onCancel={() => {
            setConfirming(false);
            setError(null);
          }}
        >
          <p>
            {rotateKey
              ? 'From now on the vault opens only with the new passphrase, and its tokens are re-encrypted under a new data key.'
              : 'From now on this vault file opens only with the new passphrase. Copies made before, including backups, still open with the old one.'}
          </p>
          {error && !FIELD_OF_CODE[error.code] ? (
            <ErrorNotice message={error.message} code={error.code} />
          ) : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
