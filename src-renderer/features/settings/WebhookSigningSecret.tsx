import { useEffect, useState } from 'react';
import type { RolledWebhookSecret, WebhookSecretStatus } from '../../../src-shared/alerts';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { asIpcError, invoke } from '../../ipc';

/**
 * The webhook's signing secret: made or rolled here, shown once with Copy, then only "set".
 * Every button is type="button": this sits inside the Settings form and must not submit it.
 */
export function WebhookSigningSecret() {
  const [status, setStatus] = useState<WebhookSecretStatus | null>(null);
  const [shown, setShown] = useState<RolledWebhookSecret | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    invoke('alerts.webhookSecretStatus', {})
      .then(setStatus)
      .catch((error: unknown) => setProblem(asIpcError(error).message));
  }, []);

  const roll = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const rolled = await invoke('alerts.rollWebhookSecret', {});
      setShown(rolled);
      setStatus({ set: true, createdAt: rolled.createdAt });
    } catch (error) {
      setProblem(asIpcError(error).message);
    }
    setBusy(false);
    setConfirming(false);
  };

  return (
    <div className="webhook-signing" data-testid="webhook-signing">
      <p className="muted small">
        {status?.set
          ? `Deliveries are signed (Switchboard-Signature); secret made ${new Date(status.createdAt!).toLocaleString()}.`
          : 'Make a signing secret so your receiver can tell Switchboard’s alerts from anyone else’s POST.'}
      </p>
      {shown ? (
        <div className="tool-key-shown" role="status" data-testid="webhook-secret-shown">
          <p>
            Copy it into your receiver now: Switchboard keeps it encrypted and cannot show it again.
          </p>
          <code data-testid="webhook-secret-value">{shown.secret}</code>{' '}
          <CopyButton text={shown.secret} label="the signing secret" />
          <button type="button" onClick={() => setShown(null)}>
            Done
          </button>
        </div>
      ) : null}
      <div className="actions">
        <button
          type="button"
          disabled={busy || status === null}
          onClick={() => (status?.set ? setConfirming(true) : void roll())}
        >
          {status?.set ? 'Roll signing secret' : 'Make signing secret'}
        </button>
        {problem ? <span className="field-error">{problem}</span> : null}
      </div>
      {confirming ? (
        <ConfirmDialog
          title="Roll the signing secret?"
          confirmLabel="Roll"
          busyLabel="Rolling…"
          busy={busy}
          onConfirm={() => void roll()}
          onCancel={() => setConfirming(false)}
        >
          New alerts are signed with the new secret at once; retries of earlier alerts keep the old
          signature. Put the new secret in your receiver right away.
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
