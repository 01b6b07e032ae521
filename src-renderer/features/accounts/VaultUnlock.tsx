import { useState, type FormEvent } from 'react';
import type { VaultStatus } from '../../../src-shared/ipc-contract';
import { ErrorNotice } from '../../components/ErrorNotice';

const EXPLANATIONS: Record<string, string> = {
  vault_insecure_keystore:
    'This computer has no secure key store (no keyring such as GNOME Keyring or KWallet is running), so the key that encrypts your tokens would sit on disk in plain text. Choose a passphrase instead: you will type it each time Switchboard starts.',
  vault_wrong_key:
    'The vault in this data folder was locked with a different key or passphrase. Type the passphrase it was created with.',
  vault_key_unavailable:
    'The system key store is not available right now. Unlock the vault with its passphrase.',
};

/** Shown while the vault is locked: why, and a passphrase to unlock (or create) it. */
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
  const reason = status.error?.code ?? '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onUnlock(passphrase);
    setPassphrase('');
  };
  return (
    <section className="panel" aria-labelledby="vault-locked-title">
      <h3 id="vault-locked-title">Your vault is locked</h3>
      <p>
        {EXPLANATIONS[reason] ?? status.error?.message ?? 'Unlock the vault to see your accounts.'}
      </p>
      <form className="unlock-form" onSubmit={submit}>
        <label>
          Vault passphrase
          <input
            type="password"
            autoComplete="current-password"
            minLength={8}
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={unlocking || passphrase.length < 8}>
          {unlocking ? 'Unlocking…' : 'Unlock'}
        </button>
      </form>
      {error ? <ErrorNotice message={error.message} code={error.code} /> : null}
    </section>
  );
}
