import { useId, useState, type FormEvent } from 'react';
import type { Settings } from '../../../src-shared/settings';
import { metricsTokenProblem } from './settings-form';
import { useUnsavedEdits } from './settings-sections';

/**
 * The bearer token for /health/detailed and /metrics: write-only, so an action of its own ("Set
 * token", outside the settings form) that says "Saved" like the one Save; a typed token not set
 * yet still counts as an unsaved edit, so leaving asks first.
 */
export function MetricsTokenField({
  settings,
  saving,
  onSet,
}: {
  settings: Settings;
  saving: boolean;
  onSet(token: string | null): Promise<boolean>;
}) {
  const [token, setToken] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const id = useId();
  const problem = metricsTokenProblem(token);
  useUnsavedEdits('metrics-token', token !== '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem || saving) return;
    void onSet(token).then((ok) => {
      if (!ok) return;
      setToken('');
      setSaved(`Saved at ${new Date().toLocaleTimeString()}: only the token's hash is kept.`);
    });
  };
  return (
    <form className="token-form" onSubmit={submit} aria-label="Metrics token">
      <div className="field">
        <div className="field-label-row">
          <label htmlFor={id} className="field-label">
            Bearer token for /health/detailed and /metrics
          </label>
          <span className="field-note">
            {settings.metricsTokenSha256 ? 'A token is set' : 'No token: open to this computer'}
          </span>
        </div>
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          placeholder={
            settings.metricsTokenSha256 ? 'Type a new one to replace it' : 'At least 16 characters'
          }
          value={token}
          aria-invalid={token !== '' && problem ? true : undefined}
          aria-describedby={`${id}-why`}
          onChange={(event) => {
            setToken(event.target.value);
            setSaved(null);
          }}
        />
        <p id={`${id}-why`} className={token !== '' && problem ? 'field-error' : 'muted small'}>
          {problem ?? 'Applies at once; Prometheus sends it as a bearer token.'}
        </p>
      </div>
      <div className="actions">
        <button type="submit" disabled={problem !== null || saving} aria-describedby={`${id}-why`}>
          Set token
        </button>
        {settings.metricsTokenSha256 ? (
          <button
            type="button"
            disabled={saving}
            onClick={() =>
              void onSet(null).then(
                (ok) =>
                  ok &&
                  setSaved(
                    `Saved at ${new Date().toLocaleTimeString()}: no token, the endpoints are open again.`,
                  ),
              )
            }
          >
            Remove token
          </button>
        ) : null}
        <span className="saved" role="status">
          {saved}
        </span>
      </div>
    </form>
  );
}
