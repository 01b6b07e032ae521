import { useId, type InputHTMLAttributes } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'>;

/** A labelled input with its hint and its error next to it, wired for screen readers. */
export function TextField({
  label,
  value,
  error,
  hint,
  note,
  onChange,
  ...input
}: InputProps & {
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string;
  /** A short fact shown beside the label, e.g. whether a secret is set. */
  note?: string;
  onChange(value: string): void;
}) {
  const id = useId();
  const described = [
    error ? `${id}-error` : null,
    hint ? `${id}-hint` : null,
    note ? `${id}-note` : null,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <div className="field-label-row">
        <label htmlFor={id} className="field-label">
          {label}
        </label>
        {note ? (
          <span id={`${id}-note`} className="field-note">
            {note}
          </span>
        ) : null}
      </div>
      <input
        {...input}
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="muted small">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
