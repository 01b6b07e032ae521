import { useState } from 'react';
import { asIpcError, invoke } from '../../ipc';
import { useAccounts } from '../accounts/use-accounts';

/** Checks every account's sign-in now (a cheap read each) and says when it finished. */
export function CheckAllButton() {
  const [checking, setChecking] = useState(false);
  const [outcome, setOutcome] = useState<string | null>(null);
  const check = async () => {
    setChecking(true);
    setOutcome(null);
    try {
      const accounts = await invoke('accounts.check', {});
      useAccounts.setState({ accounts });
      setOutcome(`Checked ${accounts.length} at ${new Date().toLocaleTimeString()}.`);
    } catch (error) {
      setOutcome(asIpcError(error).message);
    }
    setChecking(false);
  };
  return (
    <span className="actions check-all">
      <button type="button" disabled={checking} onClick={() => void check()}>
        {checking ? 'Checking…' : 'Check all now'}
      </button>
      <span className="saved" role="status">
        {outcome}
      </span>
    </span>
  );
}
