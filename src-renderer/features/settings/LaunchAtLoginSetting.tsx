import { useState } from 'react';
import { useAbout } from '../about/use-about';
import { useSettings } from './use-settings';

/**
 * "Open Switchboard when I log in": desktop only (serve mode has no login item). Saved on
 * toggle, like an OS setting, since it changes nothing in the form above.
 */
export function LaunchAtLoginSetting() {
  const mode = useAbout((state) => state.info?.mode);
  const { settings, saving, update } = useSettings();
  const [refusal, setRefusal] = useState<string | null>(null);
  if (mode !== 'desktop' || !settings) return null;
  const toggle = async (enabled: boolean) => {
    setRefusal(null);
    const error = await update({ launchAtLogin: enabled });
    if (error) setRefusal(error.message);
  };
  return (
    <section className="settings" aria-label="Start-up">
      <fieldset>
        <legend>Start-up</legend>
        <label className="check-field">
          <input
            type="checkbox"
            checked={settings.launchAtLogin}
            disabled={saving}
            onChange={(event) => void toggle(event.target.checked)}
          />
          Open Switchboard when I log in, so accounts keep renewing
        </label>
        {refusal ? (
          <p role="alert" className="field-error">
            {refusal}
          </p>
        ) : null}
      </fieldset>
    </section>
  );
}
