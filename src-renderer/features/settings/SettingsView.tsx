import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { BrowserNotificationSetting } from '../alerts/BrowserNotificationSetting';
import { TextField } from '../../components/TextField';
import { fieldErrorsOf } from '../../field-errors';
import { useAbout } from '../about/use-about';
import { MetricsServerStatus } from '../about/MetricsServerStatus';
import { PlanSettings } from '../plan/PlanSettings';
import { MetricsTokenField } from './MetricsTokenField';
import { PlatformsSettings } from './PlatformsSettings';
import { ToolsSettings } from './ToolsSettings';
import { VaultSettings } from '../vault/VaultSettings';
import { WebhookSigningSecret } from './WebhookSigningSecret';
import { WebhookTest } from './WebhookTest';
import {
  EMPTY_SETTINGS_DRAFT,
  NUMBER_FIELDS,
  type NumberField,
  planSettingsSave,
  type SettingsDraft,
  type SettingsPlan,
} from './settings-form';
import { SettingsNav } from './SettingsNav';
import { sectionId, useUnsavedEdits, useUnsavedGuard } from './settings-sections';
import { useSettings } from './use-settings';

/** The port this page is served from in serve and demo mode; the desktop window has none. */
function servedPort(mode: string | undefined): number | null {
  if (mode !== 'serve' && mode !== 'demo') return null;
  const port = Number(window.location.port || (window.location.protocol === 'https:' ? 443 : 80));
  return Number.isInteger(port) ? port : null;
}

export function SettingsView() {
  const { settings, error, saving, load, update, setMetricsToken, follow } = useSettings();
  const mode = useAbout((state) => state.info?.mode);
  const [draft, setDraft] = useState<SettingsDraft>(EMPTY_SETTINGS_DRAFT);
  const [refused, setRefused] = useState<SettingsPlan['errors']>({});
  const [formError, setFormError] = useState<{ message: string; code: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);

  useEffect(() => {
    void load();
    return follow();
  }, [load, follow]);

  // Edits not saved yet are never dropped silently: leaving asks first.
  useUnsavedEdits(
    'settings',
    settings !== null && planSettingsSave(settings, draft, servedPort(mode)).patch !== null,
  );
  useUnsavedGuard();
  if (!settings)
    return error ? (
      <ErrorNotice message={error.message} code={error.code} />
    ) : (
      <p className="muted">Loading…</p>
    );
  // Checked as the creator types; main's answer (if it still refuses) lands on the same fields.
  const plan = planSettingsSave(settings, draft, servedPort(mode));
  const errors = { ...refused, ...plan.errors };
  const invalid = Object.values(errors).some(Boolean);
  const edit = <K extends keyof SettingsDraft>(field: K, value: SettingsDraft[K]) => {
    setDraft((current) => ({ ...current, [field]: value }));
    setRefused({});
    setSaved(null);
    setFormError(null);
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (invalid) {
      form.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    if (!plan.patch) {
      setSaved('Nothing to save: no setting changed.');
      return;
    }
    const refusal = await update(plan.patch);
    if (!refusal) {
      setDraft(EMPTY_SETTINGS_DRAFT);
      setSaved(`Saved at ${new Date().toLocaleTimeString()}.`);
      return;
    }
    const fields = fieldErrorsOf(refusal);
    if (fields && Object.keys(fields).every((path) => path in settings))
      setRefused(fields as SettingsPlan['errors']);
    else setFormError({ message: refusal.message, code: refusal.code });
  };
  const changed = plan.patch !== null;
  const numberFields = (keys: NumberField[]) =>
    NUMBER_FIELDS.filter((field) => keys.includes(field.key)).map((field) => (
      <TextField
        key={field.key}
        label={field.label}
        inputMode="numeric"
        value={draft.numbers[field.key] ?? String(settings[field.key])}
        error={errors[field.key]}
        hint={`${field.rule.replace(/^Use /, '')} ${field.hint}`}
        onChange={(value) => edit('numbers', { ...draft.numbers, [field.key]: value })}
      />
    ));
  return (
    <>
      <SettingsNav />
      <form ref={form} className="settings" onSubmit={(event) => void save(event)} noValidate>
        <section id={sectionId('general')} aria-labelledby="settings-general-title">
          <h3 id="settings-general-title" tabIndex={-1}>
            General
          </h3>
          <fieldset>
            <legend>Keeping accounts alive</legend>
            {numberFields([
              'refreshMarginMinutes',
              'tokenCheckIntervalHours',
              'refreshConcurrency',
            ])}
            <label className="check-field">
              <input
                type="checkbox"
                checked={draft.googleTestingMode ?? settings.googleTestingMode}
                onChange={(event) => edit('googleTestingMode', event.target.checked)}
              />
              My Google app is in “Testing” (its sign-ins end after 7 days)
            </label>
          </fieldset>
          <fieldset>
            <legend>Posting</legend>
            {numberFields(['tiktokDailyPostCap'])}
          </fieldset>
          {mode === 'desktop' ? (
            // Desktop only: serve mode has no login item.
            <fieldset>
              <legend>Start-up</legend>
              <label className="check-field">
                <input
                  type="checkbox"
                  checked={draft.launchAtLogin ?? settings.launchAtLogin}
                  onChange={(event) => edit('launchAtLogin', event.target.checked)}
                />
                Open Switchboard when I log in, so accounts keep renewing
              </label>
            </fieldset>
          ) : null}
        </section>
        <section id={sectionId('alerts')} aria-labelledby="settings-alerts-title">
          <h3 id="settings-alerts-title" tabIndex={-1}>
            Alerts
          </h3>
          <fieldset>
            <legend>Alerts</legend>
            <label className="check-field">
              <input
                type="checkbox"
                checked={draft.notificationsEnabled ?? settings.notificationsEnabled}
                onChange={(event) => edit('notificationsEnabled', event.target.checked)}
              />
              Tell me when an account needs attention, and when it recovers
            </label>
            <BrowserNotificationSetting />
            {numberFields(['reauthWarningDays', 'alertHoldSeconds'])}
            <TextField
              label="Webhook URL"
              type="url"
              spellCheck={false}
              placeholder="https://…"
              value={draft.alertWebhookUrl ?? settings.alertWebhookUrl ?? ''}
              error={errors.alertWebhookUrl}
              hint="Alerts are also POSTed here as JSON (never a token). Leave it empty for none."
              onChange={(value) => edit('alertWebhookUrl', value)}
            />
            <WebhookTest
              url={draft.alertWebhookUrl === null ? null : draft.alertWebhookUrl.trim() || null}
              disabledReason={
                errors.alertWebhookUrl
                  ? 'Fix the address first.'
                  : (draft.alertWebhookUrl ?? settings.alertWebhookUrl ?? '').trim() === ''
                    ? 'Type a webhook URL to test it.'
                    : null
              }
            />
            <WebhookSigningSecret />
          </fieldset>
        </section>
        <section id={sectionId('advanced')} aria-labelledby="settings-advanced-title">
          <h3 id="settings-advanced-title" tabIndex={-1}>
            Advanced
          </h3>
          <fieldset>
            <legend>Health and metrics server</legend>
            <p className="metrics-line">
              <span className="field-label">Now: </span>
              <MetricsServerStatus testId="settings-metrics" />
            </p>
            <label className="check-field">
              <input
                type="checkbox"
                checked={draft.metricsEnabled ?? settings.metricsEnabled}
                onChange={(event) => edit('metricsEnabled', event.target.checked)}
              />
              Serve /health and /metrics on 127.0.0.1
            </label>
            <TextField
              label="Metrics port"
              inputMode="numeric"
              value={draft.metricsPort ?? String(settings.metricsPort)}
              error={errors.metricsPort}
              hint="0 picks a free port at each launch. Turning the server on or off, or a new port, takes effect at the next launch."
              onChange={(value) => edit('metricsPort', value)}
            />
          </fieldset>
        </section>
        <div className="actions save-bar">
          <button type="submit" className="primary" disabled={saving}>
            {saving ? 'Saving…' : 'Save settings'}
          </button>
          {changed ? (
            <button
              type="button"
              onClick={() => {
                setDraft(EMPTY_SETTINGS_DRAFT);
                setRefused({});
                setFormError(null);
              }}
            >
              Discard changes
            </button>
          ) : null}
          <span className="saved" role="status" data-testid="settings-saved">
            {saved ?? (changed ? 'Unsaved changes.' : '')}
          </span>
        </div>
        {formError ? <ErrorNotice message={formError.message} code={formError.code} /> : null}
      </form>
      <section className="settings" aria-label="Metrics token">
        <fieldset>
          <legend>Metrics token</legend>
          <MetricsTokenField
            settings={settings}
            saving={saving}
            onSet={async (token) => {
              const refusal = await setMetricsToken(token);
              if (refusal) setFormError({ message: refusal.message, code: refusal.code });
              return refusal === null;
            }}
          />
        </fieldset>
      </section>
      <div id={sectionId('plan')}>
        <PlanSettings />
      </div>
      <div id={sectionId('vault')}>
        <VaultSettings />
      </div>
      <div id={sectionId('platforms')}>
        <PlatformsSettings />
      </div>
      <div id={sectionId('tools')}>
        <ToolsSettings />
      </div>
    </>
  );
}
