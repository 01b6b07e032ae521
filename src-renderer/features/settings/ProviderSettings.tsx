import { useId, useRef, useState, type FormEvent } from 'react';
import type { ProviderStatus } from '../../../src-shared/connect';
import type { Settings } from '../../../src-shared/settings';
import { CopyButton } from '../../components/CopyButton';
import { ErrorNotice } from '../../components/ErrorNotice';
import { TextField } from '../../components/TextField';
import { connectionWords } from './connection-words';
import { OwnAppGuide } from './OwnAppGuide';
import { useUnsavedEdits } from './settings-sections';
import { usePlatforms, type SaveResult } from './platforms-store';
import {
  collect,
  EMPTY_DRAFT,
  isFixedPortProvider,
  planSave,
  type ProviderDraft,
} from './provider-form';

const SOURCE_TEXT = {
  settings: 'from Settings',
  environment: 'from the environment',
  build: 'built in',
} as const;

type Errors = Partial<Record<keyof ProviderDraft, string>>;

/** One provider in Settings → Platforms. The secret is write-only: typed, sent, forgotten. */
export function ProviderSettings({
  status,
  settings,
}: {
  status: ProviderStatus;
  settings: Settings;
}) {
  const { setCredentials, clearCredentials, updateSettings } = usePlatforms();
  const [draft, setDraft] = useState<ProviderDraft>(EMPTY_DRAFT);
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<{ message: string; code?: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const headingId = useId();
  // The card saves on its own (a secret is write-only), but a typed, unsaved value is never
  // dropped silently: leaving Settings asks first, as for the one Save.
  useUnsavedEdits(
    `platform-${status.id}`,
    draft.clientId !== null ||
      draft.secret !== '' ||
      draft.port !== null ||
      draft.graphApiVersion !== null,
  );
  // A URI has no spaces: anything after one is main's note on it (e.g. "any port").
  const [uri = '', ...noteWords] = status.redirectUri.split(' ');
  const uriNote = noteWords.join(' ').replace(/^\((.*)\)$/, '$1');
  const storedPort =
    status.fixedPort && isFixedPortProvider(status.id, settings)
      ? settings.redirectPorts[status.id]
      : null;

  const edit = (field: keyof ProviderDraft) => (value: string) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setSaved(null);
  };
  /** Shows a refusal: on its fields when main named them, else for the whole form. */
  const show = (result: SaveResult): boolean => {
    if (result.ok) return true;
    const placed: Pick<{ errors: Errors }, 'errors'> = { errors: {} };
    const unplaced = result.fields ? collect(placed, result.fields) : [];
    // A port another part of Switchboard uses: said next to the port field.
    const clash = result.error.code === 'settings_port_conflict';
    if (clash) placed.errors.port = result.error.message;
    setErrors(placed.errors);
    if (!clash && (!result.fields || unplaced.length > 0))
      setFormError({ message: result.error.message, code: result.error.code });
    return false;
  };
  const run = async (work: () => Promise<SaveResult | null>, done: string) => {
    setSaving(true);
    setFormError(null);
    setSaved(null);
    const result = await work();
    setSaving(false);
    if (!result || show(result)) {
      setDraft(EMPTY_DRAFT);
      setErrors({});
      setSaved(done);
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const plan = planSave(status, settings, draft);
    if (Object.values(plan.errors).some(Boolean)) {
      setErrors(plan.errors);
      form.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    if (!plan.patch && !plan.credentials) {
      setSaved('Nothing changed.');
      return;
    }
    void run(async () => {
      if (plan.patch) {
        const result = await updateSettings(plan.patch);
        if (!result.ok) return result;
      }
      if (plan.credentials) {
        const { clientId, clientSecret } = plan.credentials;
        return setCredentials(status.id, clientId, clientSecret);
      }
      return null;
    }, `Saved at ${new Date().toLocaleTimeString()}.`);
  };

  return (
    <form ref={form} className="provider-card" aria-labelledby={headingId} onSubmit={save}>
      <div className="provider-head">
        <h4 id={headingId}>{status.displayName}</h4>
        <span className={`status-pill ${status.configured ? 'status-active' : 'status-unset'}`}>
          {status.configured && status.source
            ? `Configured · ${SOURCE_TEXT[status.source]}`
            : 'Not configured'}
        </span>
      </div>
      <p className="connects-via">
        <span className="field-label">Connects with</span> {connectionWords(status)}
      </p>
      {status.hint ? <p className="hint">{status.hint}</p> : null}
      <TextField
        label={status.id === 'tiktok' ? 'Client key' : 'Client id'}
        value={draft.clientId ?? status.clientId ?? ''}
        error={errors.clientId}
        autoComplete="off"
        spellCheck={false}
        onChange={edit('clientId')}
      />
      <TextField
        label="Client secret"
        type="password"
        value={draft.secret}
        error={errors.secret}
        autoComplete="new-password"
        placeholder={status.hasSecret ? 'Type a new secret to replace it' : 'Paste the secret'}
        note={status.hasSecret ? 'A secret is set' : 'No secret'}
        hint={
          status.needsSecret
            ? 'Required: this platform’s token endpoint wants the secret.'
            : 'Optional: without one Switchboard signs in as a public client.'
        }
        onChange={edit('secret')}
      />
      <div className="field">
        <span className="field-label">Redirect URI to register</span>
        <span className="redirect-uri">
          <code>{uri}</code>
          <CopyButton text={uri} label={`the ${status.displayName} redirect URI`} />
          {uriNote ? <span className="muted small">{uriNote}</span> : null}
        </span>
      </div>
      <OwnAppGuide status={status} />
      {storedPort !== null ? (
        <TextField
          label="Sign-in port"
          inputMode="numeric"
          value={draft.port ?? String(storedPort)}
          error={errors.port}
          hint="The redirect URI uses this exact port; change it here and in the developer console together."
          onChange={edit('port')}
        />
      ) : null}
      {status.id === 'facebook' ? (
        <TextField
          label="Graph API version"
          value={draft.graphApiVersion ?? settings.graphApiVersion}
          error={errors.graphApiVersion}
          spellCheck={false}
          hint="Such as v27.0; Meta retires old versions on a schedule."
          onChange={edit('graphApiVersion')}
        />
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={saving}>
          {saving ? 'Saving…' : `Save ${status.displayName}`}
        </button>
        {status.source === 'settings' && status.hasSecret && status.clientId ? (
          <button
            type="button"
            disabled={saving}
            onClick={() =>
              void run(
                () => setCredentials(status.id, status.clientId ?? '', null),
                `Saved at ${new Date().toLocaleTimeString()}: the secret is removed.`,
              )
            }
          >
            Remove secret
          </button>
        ) : null}
        {status.source === 'settings' ? (
          <button
            type="button"
            disabled={saving}
            onClick={() =>
              void run(
                () => clearCredentials(status.id),
                `Saved at ${new Date().toLocaleTimeString()}: the credentials are removed.`,
              )
            }
          >
            Remove credentials
          </button>
        ) : null}
        <span className="saved" role="status">
          {saved}
        </span>
      </div>
      {formError ? <ErrorNotice message={formError.message} code={formError.code} /> : null}
    </form>
  );
}
