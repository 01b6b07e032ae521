import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import { capturingLogger, memorySettingsStore } from '../../test/support/test-host';
import { createSettingsService } from './settings';

describe('settings service', () => {
  it('starts from defaults and keeps valid stored values', () => {
    const service = createSettingsService(
      memorySettingsStore({ metricsPort: 9100 }),
      capturingLogger(),
    );
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, metricsPort: 9100 });
  });

  it('replaces a damaged stored value by its default and says so, keeping the rest', () => {
    const log = capturingLogger();
    const store = memorySettingsStore({ metricsPort: 'nine', metricsEnabled: false, legacy: 1 });
    const service = createSettingsService(store, log);
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, metricsEnabled: false });
    expect(log.lines.join('\n')).toContain('metricsPort');
  });

  it('saves an update and refuses an invalid one without writing', () => {
    const store = memorySettingsStore();
    const service = createSettingsService(store, capturingLogger());
    service.update({ notificationsEnabled: false });
    expect(store.values()).toEqual({ ...DEFAULT_SETTINGS, notificationsEnabled: false });
    expect(() => service.update({ metricsPort: -1 })).toThrow(
      expect.objectContaining({ code: 'settings_invalid' }),
    );
    expect(store.writes).toBe(1);
  });
});
