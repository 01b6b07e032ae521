import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { asIpcError, invoke, type IpcError } from '../../ipc';
import { useAbout } from '../about/use-about';
import { useAccounts } from '../accounts/use-accounts';
import { BackupSettings } from './BackupSettings';
import { ChangePassphrase } from './ChangePassphrase';
import { keyKeeperWords } from './key-words';

/** Settings → Vault: where the data lives, how its key is kept, key rotation, passphrase change. */
export function VaultSettings() {
  const dataDir = useAbout((state) => state.info?.dataDir);
  const mode = useAbout((state) => state.info?.mode);
  const vault = useAccounts((state) => state.vault);
  const [confirming, setConfirming] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const rotate = async () => {
    setRotating(true);
    setError(null);
    try {
      const { rotatedAt } = await invoke('vault.rotateKey', {});
      setDone(`Key rotated at ${new Date(rotatedAt).toLocaleTimeString()}.`);
      setConfirming(false);
    } catch (failure) {
      setError(asIpcError(failure));
    }
    setRotating(false);
  };
  return (
    <section className="settings" aria-labelledby="vault-settings-title">
      <fieldset>
        <legend id="vault-settings-title">Vault</legend>
        <dl className="facts">
          <dt>Data folder</dt>
          <dd data-testid="settings-data-dir">{dataDir ?? '…'}</dd>
          <dt>Key kept by</dt>
          <dd>{vault ? keyKeeperWords(vault.keyProtector, mode) : '…'}</dd>
        </dl>
        <p className="muted small">
          Rotating the key re-encrypts every stored token under a new key and drops the old one, so
          an old copy of the vault file no longer reveals what is stored from now on.
        </p>
        <div className="actions">
          <button
            type="button"
            disabled={vault?.state !== 'open'}
            onClick={() => {
              setDone(null);
              setConfirming(true);
            }}
          >
            Rotate the vault key…
          </button>
          <span className="saved" role="status">
            {done}
          </span>
        </div>
        {vault?.state === 'open' ? <ChangePassphrase keyProtector={vault.keyProtector} /> : null}
        {vault?.state === 'open' ? <BackupSettings /> : null}
      </fieldset>
      {confirming ? (
        <ConfirmDialog
          title="Rotate the vault key?"
          confirmLabel="Rotate key"
          busyLabel="Rotating…"
          busy={rotating}
          onConfirm={() => void rotate()}
          onCancel={() => {
            setConfirming(false);
            setError(null);
          }}
        >
          <p>
            Every stored token is re-encrypted under a new key in one step; nothing changes for your
            accounts or tools. It takes a moment with many accounts.
          </p>
          {error ? <ErrorNotice message={error.message} code={error.code} /> : null}
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
