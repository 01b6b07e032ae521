import { useState } from 'react';
import { asIpcError, invoke } from '../../ipc';

/** Settings → Tools: put the `switchboard` command on the creator's PATH, as editors do. */
export function InstallCommand() {
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const install = async () => {
    setBusy(true);
    try {
      const { path, onPath } = await invoke('tools.installCommand', {});
      setOutcome({
        ok: true,
        text: onPath
          ? `Installed as ${path}. Open a new terminal and run switchboard --help.`
          : `Installed as ${path}. That folder is not on your PATH yet: add it, then open a new terminal.`,
      });
    } catch (error) {
      setOutcome({ ok: false, text: asIpcError(error).message });
    }
    setBusy(false);
  };
  return (
    <div className="install-command">
      <p className="muted small">
        The <code>switchboard</code> command prints a token, runs a program with one, or calls a
        platform through Switchboard, using a tool key (it needs Node.js 20 or newer).
      </p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void install()}>
          Install the switchboard command
        </button>
        <span
          role="status"
          className={!outcome ? 'muted small' : outcome.ok ? 'saved' : 'field-error'}
        >
          {outcome?.text ?? ''}
        </span>
      </div>
    </div>
  );
}
