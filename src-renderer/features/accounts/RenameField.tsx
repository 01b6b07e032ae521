import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { AccountSummary } from '../../../src-shared/account';
import { PLATFORMS } from '../../../src-shared/platforms';
import { useAccounts } from './use-accounts';

/** The inline label editor: Enter saves, Escape cancels, an empty field restores the platform name. */
export function RenameField({ account, onDone }: { account: AccountSummary; onDone(): void }) {
  const rename = useAccounts((state) => state.rename);
  const [value, setValue] = useState(account.label ?? account.displayName);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const errorId = useId();

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const label = value.trim() === '' ? null : value;
    if ((label ?? account.displayName) === (account.label ?? account.displayName)) {
      onDone();
      return;
    }
    setSaving(true);
    const refusal = await rename(account.id, label);
    setSaving(false);
    if (refusal) setError(refusal);
    else onDone();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onDone();
    }
  };

  return (
    <form className="rename-form" onSubmit={(event) => void save(event)}>
      <label>
        <span className="offscreen">{`Label for ${account.displayName}`}</span>
        <input
          ref={input}
          value={value}
          maxLength={200}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          onChange={(event) => {
            setValue(event.target.value);
            setError(null);
          }}
          onKeyDown={onKeyDown}
          readOnly={saving}
        />
      </label>
      <button type="submit" className="primary" disabled={saving}>
        {saving ? 'Saving…' : 'Save'}
      </button>
      <button type="button" onClick={onDone} disabled={saving}>
        Cancel
      </button>
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <p id={hintId} className="muted small">
        {`Enter saves, Escape cancels. Leave it empty to show the name from ${PLATFORMS[account.platform].displayName}.`}
      </p>
    </form>
  );
}
