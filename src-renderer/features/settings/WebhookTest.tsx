import { useState } from 'react';
import type { WebhookTestResult } from '../../../src-shared/alerts';
import { TechnicalDetails } from '../../components/TechnicalDetails';
import { asIpcError, invoke } from '../../ipc';

/** "Send test" beside the webhook field: posts one test alert and says what the webhook answered. */
export function WebhookTest({
  url,
  disabledReason,
}: {
  url: string | null;
  disabledReason: string | null;
}) {
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<{
    ok: boolean;
    text: string;
    status?: number | null;
  } | null>(null);
  const send = async () => {
    setSending(true);
    setOutcome(null);
    try {
      const result: WebhookTestResult = await invoke('alerts.testWebhook', url ? { url } : {});
      // The receiver's HTTP status is for the technical details; the sentence says what happened.
      setOutcome(
        result.delivered
          ? {
              ok: true,
              text: 'Delivered: the receiver accepted the test alert.',
              status: result.status,
            }
          : { ok: false, text: result.message },
      );
    } catch (error) {
      setOutcome({ ok: false, text: asIpcError(error).message });
    }
    setSending(false);
  };
  return (
    <div className="actions">
      <button
        type="button"
        disabled={sending || disabledReason !== null}
        title={disabledReason ?? undefined}
        onClick={() => void send()}
      >
        {sending ? 'Sending…' : 'Send test'}
      </button>
      <span
        role="status"
        className={!outcome ? 'muted small' : outcome.ok ? 'saved' : 'field-error'}
        data-testid="webhook-outcome"
      >
        {outcome?.text ?? (disabledReason ? disabledReason : '')}
      </span>
      {outcome?.status ? <TechnicalDetails>HTTP {outcome.status}</TechnicalDetails> : null}
    </div>
  );
}
