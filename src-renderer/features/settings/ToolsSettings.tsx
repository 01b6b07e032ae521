import { useEffect, useState } from 'react';
import type { ToolSummary } from '../../../src-shared/tools';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CopyButton } from '../../components/CopyButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { IpcError } from '../../ipc';
import { useAbout } from '../about/use-about';
import { toolApiStatus } from './tool-api-status';
import { ToolKeyForm } from './ToolKeyForm';
import { useTools } from './use-tools';
import './tools-settings.css';
import { InstallCommand } from './InstallCommand';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'never');

/** Settings → Tools: keys for the creator's own scripts to use the local /v1 API. */
export function ToolsSettings() {
  const { tools, accounts, error, shownKey, load, revoke, dismissKey } = useTools();
  const info = useAbout((state) => state.info);
  const [revoking, setRevoking] = useState<ToolSummary | null>(null);
  const [revokeError, setRevokeError] = useState<IpcError | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  const status = info ? toolApiStatus(info) : null;
  const accountWords = (tool: ToolSummary) =>
    tool.accounts === 'all'
      ? 'All accounts'
      : tool.accounts
          .map((id) => accounts.find((account) => account.id === id)?.displayName ?? 'removed')
          .join(', ');

  return (
    <section className="settings tools-settings" aria-label="Tools">
      <fieldset>
        <legend>Tools</legend>
        <p data-testid="tools-api-status" className={status?.baseUrl ? '' : 'muted'}>
          {status?.text ?? 'Checking…'}
          {status?.baseUrl ? <CopyButton text={status.baseUrl} label="the local API URL" /> : null}
        </p>
        {shownKey ? (
          <div className="tool-key-shown" role="status" data-testid="tool-key-shown">
            <p>
              The key for <strong>{shownKey.name}</strong>. Copy it now: Switchboard keeps only a
              fingerprint and cannot show it again.
            </p>
            <code data-testid="tool-key-value">{shownKey.key}</code>{' '}
            <CopyButton text={shownKey.key} label="the tool key" />
            <button type="button" onClick={dismissKey}>
              Done
            </button>
          </div>
        ) : null}
        <ToolKeyForm accounts={accounts} />
        <InstallCommand />
        {error ? <ErrorNotice message={error.message} code={error.code} /> : null}
        {revokeError ? <ErrorNotice message={revokeError.message} code={revokeError.code} /> : null}
        {tools && tools.length > 0 ? (
          <table className="tool-keys" data-testid="tool-keys">
            <thead>
              <tr>
                <th scope="col">Tool</th>
                <th scope="col">Accounts</th>
                <th scope="col">May</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="offscreen">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tools.map((tool) => (
                <tr key={tool.id} className={tool.revokedAt ? 'revoked' : ''}>
                  <td>
                    {tool.name} <code className="muted">{tool.hint}</code>
                  </td>
                  <td>{accountWords(tool)}</td>
                  <td>{tool.rights.join(', ')}</td>
                  <td>{when(tool.lastUsedAt)}</td>
                  <td>
                    {tool.revokedAt ? (
                      <span className="muted">Revoked {when(tool.revokedAt)}</span>
                    ) : (
                      <button type="button" onClick={() => setRevoking(tool)}>
                        Revoke
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : tools ? (
          <p className="muted">No tool keys yet.</p>
        ) : null}
      </fieldset>
      {revoking ? (
        <ConfirmDialog
          title={`Revoke the key of ${revoking.name}?`}
          confirmLabel="Revoke key"
          danger
          onCancel={() => setRevoking(null)}
          onConfirm={() => {
            const target = revoking;
            setRevoking(null);
            void revoke(target.id).then(setRevokeError);
          }}
        >
          Tools using it are refused at once. This cannot be undone; make a new key instead.
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
