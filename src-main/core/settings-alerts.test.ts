import { describe, expect, it } from 'vitest';
import { SettingsPatchSchema } from '../../src-shared/settings';
import { capturingLogger, memorySettingsStore } from '../../test/support/test-host';
import { createSettingsService } from './settings';

describe('alert settings', () => {
  it('takes only http(s) webhook URLs, with the reason on the field', () => {
    expect(
      SettingsPatchSchema.safeParse({ alertWebhookUrl: 'https://hooks.example/x' }).success,
    ).toBe(true);
    expect(SettingsPatchSchema.safeParse({ alertWebhookUrl: null }).success).toBe(true);
    for (const url of ['file:///etc/passwd', 'data:text/plain,hi', 'ws://127.0.0.1/x', 'http://']) {
      const result = SettingsPatchSchema.safeParse({ alertWebhookUrl: url });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({
        path: ['alertWebhookUrl'],
        message: 'Use an http:// or https:// address.',
      });
    }
  });

  it('falls back to no webhook when a stored URL is not http(s) (a hand-edited settings file)', () => {
    const log = capturingLogger();
    const settings = createSettingsService(
      memorySettingsStore({ alertWebhookUrl: 'file:///etc/passwd', alertHoldSeconds: -5 }),
      log,
    );
    expect(settings.get().alertWebhookUrl).toBeNull();
    expect(settings.get().alertHoldSeconds).toBe(120);
    expect(log.lines.join('\n')).toMatch(/stored setting alertWebhookUrl is invalid/);
  });
});
