import type { ReactNode } from 'react';
import { newPassphraseProblem } from './passphrase-rule';

/** What a creator has typed into a new passphrase and its confirmation. */
export interface NewPassphrase {
  passphrase: string;
  again: string;
}

export const EMPTY_PASSPHRASE: NewPassphrase = { passphrase: '', again: '' };

/**
 * A new passphrase typed twice, and beneath it the rule in one line: `idle` before anything is
 * typed, then what is still wrong (or a refusal from main, `error`), then "Ready.". The line's
 * id is `ruleId`, so the form's submit button can point at it too; `children` (e.g. that button)
 * stand between the inputs and the rule. A fragment: the inputs sit in the parent form's row.
 */
export function PassphraseField({
  label,
  againLabel,
  value,
  onChange,
  idle,
  ruleId,
  error = null,
  children,
}: {
  label: string;
  againLabel: string;
  value: NewPassphrase;
  onChange(value: NewPassphrase): void;
  idle: string;
  ruleId: string;
  error?: string | null;
  children?: ReactNode;
}) {
  const problem = error ?? newPassphraseProblem(value.passphrase, value.again);
  const typed = value.passphrase !== '';
  return (
    <>
      <label>
        {label}
        <input
          type="password"
          autoComplete="new-password"
          value={value.passphrase}
          aria-describedby={ruleId}
          aria-invalid={typed && problem !== null ? true : undefined}
          onChange={(event) => onChange({ ...value, passphrase: event.target.value })}
        />
      </label>
      <label>
        {againLabel}
        <input
          type="password"
          autoComplete="new-password"
          value={value.again}
          aria-describedby={ruleId}
          onChange={(event) => onChange({ ...value, again: event.target.value })}
        />
      </label>
      {children}
      <p id={ruleId} className={typed && problem ? 'field-error' : 'muted small'}>
        {typed ? (problem ?? 'Ready.') : idle}
      </p>
    </>
  );
}
