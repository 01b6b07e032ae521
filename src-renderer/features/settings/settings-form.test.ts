import { describe, expect, it } from 'vitest';
import { channels } from '../../../src-shared/ipc-contract';
import { DEFAULT_SETTINGS } from '../../../src-shared/settings';
import { EMPTY_SETTINGS_DRAFT, metricsTokenProblem, planSettingsSave } from './settings-form';

const port = (metricsPort: string, uiPort: number | null = 7477) =>
  planSettingsSave(DEFAULT_SETTINGS, { ...EMPTY_SETTINGS_DRAFT, metricsPort }, uiPort);

describe('the general settings form', () => {
  it('explains a bad metrics port in plain words', () => {
    for (const typed of ['', 'abc', '-1', '70000', '80', '9.5'])
      expect(port(typed).errors.metricsPort).toMatch(/^Use a whole number from 1024 to 65535/);
    expect(port('0').patch).toEqual({ metricsPort: 0 });
  });

  it('refuses the port this page is served on, and a sign-in port', () => {
    expect(port('7477').errors.metricsPort).toBe(
      'Port 7477 is the one this page is served on; choose another.',
    );
    expect(port('7477', null).patch).toEqual({ metricsPort: 7477 });
    const x = String(DEFAULT_SETTINGS.redirectPorts.x);
    expect(port(x).errors.metricsPort).toBe(`Port ${x} is the sign-in port of X; choose another.`);
  });

  it('sends every change in one patch, and nothing when nothing changed', () => {
    expect(planSettingsSave(DEFAULT_SETTINGS, EMPTY_SETTINGS_DRAFT, null).patch).toBe(null);
    expect(
      planSettingsSave(
        DEFAULT_SETTINGS,
        {
          ...EMPTY_SETTINGS_DRAFT,
          metricsEnabled: false,
          metricsPort: '9600',
          notificationsEnabled: false,
        },
        null,
      ).patch,
    ).toEqual({ metricsEnabled: false, metricsPort: 9600, notificationsEnabled: false });
  });
});

describe('the other settings', () => {
  const plan = (draft: Partial<typeof EMPTY_SETTINGS_DRAFT>) =>
    planSettingsSave(DEFAULT_SETTINGS, { ...EMPTY_SETTINGS_DRAFT, ...draft }, null);

  it('checks each number with the contract’s own range, in words', () => {
    expect(plan({ numbers: { refreshMarginMinutes: '0' } }).errors.refreshMarginMinutes).toBe(
      'Use 1 to 60 minutes.',
    );
    expect(
      plan({ numbers: { tokenCheckIntervalHours: '49' } }).errors.tokenCheckIntervalHours,
    ).toBe('Use 1 to 48 hours.');
    expect(plan({ numbers: { reauthWarningDays: 'soon' } }).errors.reauthWarningDays).toBe(
      'Use 1 to 60 days.',
    );
    expect(plan({ numbers: { tiktokDailyPostCap: '12' } }).patch).toEqual({
      tiktokDailyPostCap: 12,
    });
  });

  it('takes an http(s) webhook, refuses other schemes, and an empty field removes it', () => {
    expect(plan({ alertWebhookUrl: 'file:///etc/passwd' }).errors.alertWebhookUrl).toBe(
      'Use an http:// or https:// address.',
    );
    expect(plan({ alertWebhookUrl: ' https://hooks.example/sb ' }).patch).toEqual({
      alertWebhookUrl: 'https://hooks.example/sb',
    });
    expect(
      planSettingsSave(
        { ...DEFAULT_SETTINGS, alertWebhookUrl: 'https://hooks.example/sb' },
        { ...EMPTY_SETTINGS_DRAFT, alertWebhookUrl: '' },
        null,
      ).patch,
    ).toEqual({ alertWebhookUrl: null });
  });
});

describe('the metrics token', () => {
  it('says why it cannot be set', () => {
    expect(metricsTokenProblem('')).toBe('Type a token first.');
    expect(metricsTokenProblem(' '.repeat(16))).toMatch(/only spaces/);
    expect(metricsTokenProblem('short')).toBe('Use at least 16 characters.');
    expect(metricsTokenProblem('a-good-long-token-1234')).toBe(null);
  });

  it('is refused by main too when it is only spaces', () => {
    const input = channels['metrics.setToken'].input;
    expect(input.safeParse({ token: ' '.repeat(16) }).success).toBe(false);
    expect(input.safeParse({ token: '\t'.repeat(20) }).success).toBe(false);
    expect(input.safeParse({ token: 'a token with spaces' }).success).toBe(true);
  });

  it('saves launch at login with the one Save, only when it changed', () => {
    const toggled = !DEFAULT_SETTINGS.launchAtLogin;
    const plan = (launchAtLogin: boolean) =>
      planSettingsSave(DEFAULT_SETTINGS, { ...EMPTY_SETTINGS_DRAFT, launchAtLogin }, null).patch;
    expect(plan(toggled)).toEqual({ launchAtLogin: toggled });
    expect(plan(DEFAULT_SETTINGS.launchAtLogin)).toBe(null);
  });
});
