import { channels } from '../../../src-shared/ipc-contract';
import { PROVIDERS, type ProviderId } from '../../../src-shared/platforms';
import { SettingsSchema, type Settings, type SettingsPatch } from '../../../src-shared/settings';

/** What is typed in the general settings form; null means "unchanged, show the stored value". */
export interface SettingsDraft {
  metricsEnabled: boolean | null;
  metricsPort: string | null;
  notificationsEnabled: boolean | null;
}

export const EMPTY_SETTINGS_DRAFT: SettingsDraft = {
  metricsEnabled: null,
  metricsPort: null,
  notificationsEnabled: null,
};

export interface SettingsPlan {
  errors: Partial<Record<keyof SettingsDraft, string>>;
  /** The one update to send (all fields together, so nothing is saved half-way); null: nothing changed. */
  patch: SettingsPatch | null;
}

const METRICS_PORT_RULE =
  'Use a whole number from 1024 to 65535, or 0 for a free port each launch.';

/**
 * Checks the draft as the creator types. `uiPort` is the port this page is served on (serve
 * mode): a metrics server there would take the UI's port at the next launch.
 */
export function planSettingsSave(
  settings: Settings,
  draft: SettingsDraft,
  uiPort: number | null,
): SettingsPlan {
  const plan: SettingsPlan = { errors: {}, patch: null };
  const patch: SettingsPatch = {};
  if (draft.metricsEnabled !== null && draft.metricsEnabled !== settings.metricsEnabled)
    patch.metricsEnabled = draft.metricsEnabled;
  if (
    draft.notificationsEnabled !== null &&
    draft.notificationsEnabled !== settings.notificationsEnabled
  )
    patch.notificationsEnabled = draft.notificationsEnabled;
  if (draft.metricsPort !== null) {
    const text = draft.metricsPort.trim();
    const port = Number(text);
    const redirect = Object.entries(settings.redirectPorts).find(([, value]) => value === port);
    if (!/^\d+$/.test(text) || !SettingsSchema.shape.metricsPort.safeParse(port).success)
      plan.errors.metricsPort = METRICS_PORT_RULE;
    else if (port !== 0 && port < 1024) plan.errors.metricsPort = METRICS_PORT_RULE;
    else if (uiPort !== null && port === uiPort)
      plan.errors.metricsPort = `Port ${port} is the one this page is served on; choose another.`;
    else if (redirect)
      plan.errors.metricsPort = `Port ${port} is the sign-in port of ${PROVIDERS[redirect[0] as ProviderId].displayName}; choose another.`;
    else if (port !== settings.metricsPort) patch.metricsPort = port;
  }
  if (Object.keys(patch).length > 0) plan.patch = patch;
  return plan;
}

/** Why a metrics token cannot be set yet, or null when it can; the contract's own rule. */
export function metricsTokenProblem(token: string): string | null {
  if (token === '') return 'Type a token first.';
  if (token.trim() === '') return 'A token of only spaces is refused: use letters and digits.';
  const checked = channels['metrics.setToken'].input.safeParse({ token });
  if (checked.success) return null;
  return checked.error.issues[0]?.message ?? 'That token is not valid.';
}
