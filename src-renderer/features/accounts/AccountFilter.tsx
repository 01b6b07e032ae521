import { useId } from 'react';

/** "Find an account" above a long list; says how many match, for screen readers too. */
export function AccountFilter({
  query,
  shown,
  total,
  onChange,
}: {
  query: string;
  shown: number;
  total: number;
  onChange(query: string): void;
}) {
  const id = useId();
  return (
    <div className="account-filter" role="search">
      <label htmlFor={id}>Find an account</label>
      <input
        id={id}
        type="search"
        value={query}
        placeholder="Name, handle or platform"
        onChange={(event) => onChange(event.target.value)}
      />
      <span className="muted small" role="status">
        {query.trim() ? `${shown} of ${total} accounts` : ''}
      </span>
    </div>
  );
}
