import { useId, useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../src-shared/ipc-contract';
import { ErrorNotice } from '../../components/ErrorNotice';
import { MIN_PASSPHRASE_CHARACTERS, newPassphraseProblem } from './passphrase-rule';
import { EMPTY_PASSPHRASE, PassphraseField, type NewPassphrase } from './PassphraseField';

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
  const [typed, setTyped] = useState<NewPassphrase>(EMPTY_PASSPHRASE);
  const ruleId = useId();
  const titleId = useId();
  const creating = status.exists === false;
  const reason = status.error?.code ?? '';
  const { passphrase } = typed;
  const problem = creating
    ? newPassphraseProblem(passphrase, typed.again)
    : passphrase.length < MIN_PASSPHRASE_CHARACTERS
      ? `Use at least ${MIN_PASSPHRASE_CHARACTERS} characters.`
      : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem || unlocking) return;
    onUnlock(passphrase);
    setTyped(EMPTY_PASSPHRASE);
  };
  const button = (
    <button
      type="submit"
      className="primary"
      disabled={unlocking || problem !== null}
      aria-describedby={ruleId}
    >
      {unlocking ? 'Unlocking…' : creating ? 'Create vault' : 'Unlock'}
    </button>
  );
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
        {creating ? (
          <PassphraseField
            label="New vault passphrase"
            againLabel="Type it again"
            value={typed}
            onChange={setTyped}
            idle={`At least ${MIN_PASSPHRASE_CHARACTERS} characters.`}
            ruleId={ruleId}
          >
            {button}
          </PassphraseField>
        ) : (
          <>
            <label>
              Vault passphrase
              <input
                type="password"
                autoComplete="current-password"
                value={passphrase}
                aria-describedby={ruleId}
                onChange={(event) => setTyped({ passphrase: event.target.value, again: '' })}
              />
            </label>
            {button}
            <p id={ruleId} className={passphrase !== '' && problem ? 'field-error' : 'muted small'}>
              {passphrase === ''
                ? `At least ${MIN_PASSPHRASE_CHARACTERS} characters.`
                : (problem ?? 'Ready.')}
            </p>
          </>
        )}
      </form>
      {error ? <ErrorNotice message={error.message} code={error.code} /> : null}
    </section>
  );
}
