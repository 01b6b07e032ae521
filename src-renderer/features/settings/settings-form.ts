import { channels } from '../../../src-shared/ipc-contract';
import { PROVIDERS, type ProviderId } from '../../../src-shared/platforms';
import { SettingsSchema, type Settings, type SettingsPatch } from '../../../src-shared/settings';

/** Whole-number settings, each with the words its field shows. */
export const NUMBER_FIELDS = [
  {
    key: 'refreshMarginMinutes',
    label: 'Renew tokens this many minutes before they expire',
    rule: 'Use 1 to 60 minutes.',
    hint: 'A short margin renews later; a long one renews more often.',
  },
  {
    key: 'tokenCheckIntervalHours',
    label: 'Check every account’s sign-in every (hours)',
    rule: 'Use 1 to 48 hours.',
    hint: 'A cheap read that never spends a renewal.',
  },
  {
    key: 'refreshConcurrency',
    label: 'Renewals running at once',
    rule: 'Use 1 to 32.',
    hint: 'Across all accounts.',
  },
  {
    key: 'reauthWarningDays',
    label: 'Warn me this many days before an account needs signing in again',
    rule: 'Use 1 to 60 days.',
    hint: 'Shown on the Overview and sent as an alert.',
  },
  {
    key: 'alertHoldSeconds',
    label: 'Alert only when a new status holds for (seconds)',
    rule: 'Use 0 to 3600 seconds.',
    hint: 'Stops a flapping account from alerting again and again.',
  },
  {
    key: 'tiktokDailyPostCap',
    label: 'TikTok posts per account per day',
    rule: 'Use 1 to 100 posts.',
    hint: 'TikTok allows about 15 a day.',
  },
] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number]['key'];

/** What is typed in the general settings form; null means "unchanged, show the stored value". */
export interface SettingsDraft {
  metricsEnabled: boolean | null;
  metricsPort: string | null;
  notificationsEnabled: boolean | null;
  googleTestingMode: boolean | null;
  /** Desktop only: the OS login item. */
  launchAtLogin: boolean | null;
  /** '' removes the webhook. */
  alertWebhookUrl: string | null;
  numbers: Partial<Record<NumberField, string>>;
}

export const EMPTY_SETTINGS_DRAFT: SettingsDraft = {
  metricsEnabled: null,
  metricsPort: null,
  notificationsEnabled: null,
  googleTestingMode: null,
  launchAtLogin: null,
  alertWebhookUrl: null,
  numbers: {},
};

export interface SettingsPlan {
  /** By field: a draft key, or a number field's key. */
  errors: Partial<Record<keyof SettingsDraft | NumberField, string>>;
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
  for (const flag of [
    'metricsEnabled',
    'notificationsEnabled',
    'googleTestingMode',
    'launchAtLogin',
  ] as const) {
    const value = draft[flag];
    if (value !== null && value !== settings[flag]) patch[flag] = value;
  }
  for (const { key, rule } of NUMBER_FIELDS) {
    const typed = draft.numbers[key];
    if (typed === undefined) continue;
    const value = Number(typed.trim());
    const checked = SettingsSchema.shape[key].safeParse(value);
    if (!/^\d+$/.test(typed.trim()) || !checked.success) plan.errors[key] = rule;
    else if (value !== settings[key]) patch[key] = value;
  }
  if (draft.alertWebhookUrl !== null) {
    const url = draft.alertWebhookUrl.trim();
    const checked = SettingsSchema.shape.alertWebhookUrl.safeParse(url === '' ? null : url);
    if (!checked.success)
      plan.errors.alertWebhookUrl = checked.error.issues[0]?.message ?? 'Not a web address.';
    else if (checked.data !== settings.alertWebhookUrl) patch.alertWebhookUrl = checked.data;
  }
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
