import { useEffect, useRef } from 'react';
import type { DisconnectOutcome } from './accounts-store';

/** What a disconnect did at the platform; takes focus, since the account's card is gone. */
export function DisconnectNotice({
  outcome,
  takeFocus,
  onDismiss,
}: {
  outcome: DisconnectOutcome;
  /** False while the confirmation dialog still holds focus (the page behind it is inert). */
  takeFocus: boolean;
  onDismiss(): void;
}) {
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) notice.current?.focus();
  }, [outcome, takeFocus]);
  const { revoke, message } = outcome.result;
  return (
    <div
      ref={notice}
      tabIndex={-1}
      className={`notice notice-${revoke === 'revoked' ? 'ok' : 'warn'}`}
      role="status"
      data-testid="disconnect-outcome"
      data-revoke={revoke}
    >
      <p>
        {/* Main's sentence says what happened at the platform and, if needed, what to do. */}
        <strong>{`${outcome.name}:`}</strong> {message}
      </p>
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
