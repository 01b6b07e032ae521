import { useState, type FormEvent } from 'react';
import type { AccountSummary } from '../../../src-shared/account';
import type { ToolRight } from '../../../src-shared/tools';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import type { FieldErrors } from '../../field-errors';
import type { IpcError } from '../../ipc';
import { useTools } from './use-tools';

const RIGHTS: { id: ToolRight; label: string }[] = [
  { id: 'token', label: 'Get access tokens' },
  { id: 'proxy', label: 'Call platforms through the proxy' },
];

const accountName = (account: AccountSummary) =>
  `${account.label ?? account.displayName}${account.handle ? ` (@${account.handle.replace(/^@/, '')})` : ''} — ${account.platform}`;

/** Creates a tool key: a name, the accounts it may use, and what it may do. */
export function ToolKeyForm({ accounts }: { accounts: AccountSummary[] }) {
  const create = useTools((state) => state.create);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<'all' | 'some'>('all');
  const [chosen, setChosen] = useState<string[]>([]);
  const [rights, setRights] = useState<ToolRight[]>(['token', 'proxy']);
  const [fields, setFields] = useState<FieldErrors>({});
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await create({
      name,
      accounts: scope === 'all' ? 'all' : chosen,
      rights,
    });
    setBusy(false);
    if (result.ok) {
      setName('');
      setFields({});
      setError(null);
      return;
    }
    setFields(result.fields ?? {});
    setError(result.fields ? null : result.error);
  };
  const toggle = <T,>(list: T[], item: T) =>
    list.includes(item) ? list.filter((value) => value !== item) : [...list, item];

  return (
    <form className="tool-key-form" onSubmit={(event) => void submit(event)} noValidate>
      <TextField
        label="Tool name"
        value={name}
        onChange={setName}
        error={fields.name}
        hint="Shown in the account's activity and in /metrics, e.g. upload-script."
        maxLength={64}
      />
      <fieldset>
        <legend>Accounts it may use</legend>
        <label>
          <input type="radio" checked={scope === 'all'} onChange={() => setScope('all')} /> All
          accounts, including ones connected later
        </label>
        <label>
          <input type="radio" checked={scope === 'some'} onChange={() => setScope('some')} /> Only
          these
        </label>
        {scope === 'some' ? (
          <div className="tool-accounts">
            {accounts.length === 0 ? <p className="muted">No accounts are connected yet.</p> : null}
            {accounts.map((account) => (
              <label key={account.id}>
                <input
                  type="checkbox"
                  checked={chosen.includes(account.id)}
                  onChange={() => setChosen(toggle(chosen, account.id))}
                />{' '}
                {accountName(account)}
              </label>
            ))}
          </div>
        ) : null}
        {fields.accounts ? <p className="field-error">{fields.accounts}</p> : null}
      </fieldset>
      <fieldset>
        <legend>What it may do</legend>
        {RIGHTS.map((right) => (
          <label key={right.id}>
            <input
              type="checkbox"
              checked={rights.includes(right.id)}
              onChange={() => setRights(toggle(rights, right.id))}
            />{' '}
            {right.label}
          </label>
        ))}
        {fields.rights ? <p className="field-error">{fields.rights}</p> : null}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create key'}
        </button>
      </div>
      {error ? <ErrorNotice message={error.message} code={error.code} /> : null}
    </form>
  );
}
