import { useEffect, useState } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { PlatformsSettings } from './PlatformsSettings';
import { useSettings } from './settings-store';

export function SettingsView() {
  const { settings, error, saving, load, update, setMetricsToken, follow } = useSettings();
  /** What is typed in the port field; null shows the stored value. */
  const [portDraft, setPortDraft] = useState<string | null>(null);
  const [token, setToken] = useState('');

  useEffect(() => {
    void load();
    return follow();
  }, [load, follow]);

  if (!settings) return error ? <ErrorNotice message={error.message} code={error.code} /> : null;
  const savePort = () => {
    if (portDraft === null) return;
    const port = Number(portDraft);
    if (portDraft.trim() !== '' && port !== settings.metricsPort)
      void update({ metricsPort: port });
    setPortDraft(null);
  };
  return (
    <>
      <form className="settings" onSubmit={(event) => event.preventDefault()}>
        <fieldset>
          <legend>Health and metrics server</legend>
          <label>
            <input
              type="checkbox"
              checked={settings.metricsEnabled}
              onChange={(event) => void update({ metricsEnabled: event.target.checked })}
            />
            Serve /health and /metrics on 127.0.0.1
          </label>
          <label>
            Port (0 picks a free one at each launch)
            <input
              type="number"
              min={0}
              max={65535}
              value={portDraft ?? String(settings.metricsPort)}
              onChange={(event) => setPortDraft(event.target.value)}
              onBlur={savePort}
            />
          </label>
          <label>
            Bearer token for /health/detailed and /metrics
            <input
              type="password"
              autoComplete="new-password"
              placeholder={
                settings.metricsTokenSha256 ? 'set (type a new one to replace it)' : 'none'
              }
              value={token}
              onChange={(event) => setToken(event.target.value)}
            />
            <button
              type="button"
              disabled={token.length < 16}
              onClick={() => {
                void setMetricsToken(token);
                setToken('');
              }}
            >
              Set token
            </button>
            {settings.metricsTokenSha256 ? (
              <button type="button" onClick={() => void setMetricsToken(null)}>
                Remove
              </button>
            ) : null}
          </label>
          <p className="muted">
            A token (16 characters or more) applies at once; only a hash of it is stored. Turning
            the server on or off, or changing its port, takes effect at the next launch.
          </p>
        </fieldset>
        <fieldset>
          <legend>Notifications</legend>
          <label>
            <input
              type="checkbox"
              checked={settings.notificationsEnabled}
              onChange={(event) => void update({ notificationsEnabled: event.target.checked })}
            />
            Tell me when an account needs attention, and when it recovers
          </label>
        </fieldset>
        {saving ? <p className="muted">Saving…</p> : null}
        {error ? <ErrorNotice message={error.message} code={error.code} /> : null}
      </form>
      <PlatformsSettings />
    </>
  );
}
