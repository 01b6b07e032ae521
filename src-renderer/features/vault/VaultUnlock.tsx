import { useId, useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../src-shared/ipc-contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { MIN_PASSPHRASE_CHARACTERS, newPassphraseProblem } from './passphrase-rule';

const EXPLANATIONS: Record<string, string> = {
  vault_insecure_keystore:
    'This computer has no secure key store (no keyring such as GNOME Keyring or KWallet is running), so the key that encrypts your tokens would sit on disk in plain text. Choose a passphrase instead: you will type it each time Switchboard starts.',
  vault_wrong_key:
    'The vault in this data folder was locked with a different key or passphrase. Type the passphrase it was created with.',
  vault_key_unavailable:
    'The system key store is not available right now. Unlock the vault with its passphrase.',
};

/** Shown while the vault is locked: why, and a passphrase to unlock it, or to create it (twice). */
export function VaultUnlock({
  status,
  unlocking,
  onUnlock,
  error,
}: {
  status: VaultStatus;
  unlocking: boolean;
  onUnlock(passphrase: string): void;
  error: { message: string; code: string } | null;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const ruleId = useId();
  const titleId = useId();
  const creating = status.exists === false;
  const reason = status.error?.code ?? '';
  const problem = creating
    ? newPassphraseProblem(passphrase, confirmation)
    : passphrase.length < MIN_PASSPHRASE_CHARACTERS
      ? `Use at least ${MIN_PASSPHRASE_CHARACTERS} characters.`
      : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem || unlocking) return;
    onUnlock(passphrase);
    setPassphrase('');
    setConfirmation('');
  };
  return (
    <section className="panel vault-panel" aria-labelledby={titleId}>
      <h3 id={titleId}>{creating ? 'Create your vault' : 'Your vault is locked'}</h3>
      <p>
        {EXPLANATIONS[reason] ?? status.error?.message ?? 'Unlock the vault to see your accounts.'}
      </p>
      {creating ? (
        <p className="hint">
          Nobody can recover this passphrase, not even Switchboard: if you forget it, you will
          connect your accounts again. Use at least {MIN_PASSPHRASE_CHARACTERS} characters; a few
          unrelated words are strong and easy to remember.
        </p>
      ) : null}
      <form className="unlock-form" onSubmit={submit}>
        <label>
          {creating ? 'New vault passphrase' : 'Vault passphrase'}
          <input
            type="password"
            autoComplete={creating ? 'new-password' : 'current-password'}
            value={passphrase}
            aria-describedby={ruleId}
            aria-invalid={creating && passphrase !== '' && problem !== null ? true : undefined}
            onChange={(event) => setPassphrase(event.target.value)}
          />
        </label>
        {creating ? (
          <label>
            Type it again
            <input
              type="password"
              autoComplete="new-password"
              value={confirmation}
              aria-describedby={ruleId}
              onChange={(event) => setConfirmation(event.target.value)}
            />
          </label>
        ) : null}
        <button
          type="submit"
          className="primary"
          disabled={unlocking || problem !== null}
          aria-describedby={ruleId}
        >
          {unlocking ? 'Unlocking…' : creating ? 'Create vault' : 'Unlock'}
        </button>
        <p id={ruleId} className={passphrase !== '' && problem ? 'field-error' : 'muted small'}>
          {passphrase === ''
            ? `At least ${MIN_PASSPHRASE_CHARACTERS} characters.`
            : (problem ?? 'Ready.')}
        </p>
      </form>
      {error ? <ErrorNotice message={error.message} code={error.code} /> : null}
    </section>
  );
}
