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

  it('refuses ports that collide with each other or the metrics port, with a stable code', () => {
    const store = memorySettingsStore();
    const service = createSettingsService(store, capturingLogger());
    const ports = DEFAULT_SETTINGS.redirectPorts;
    expect(() => service.update({ redirectPorts: { ...ports, x: ports.instagram } })).toThrow(
      expect.objectContaining({
        code: 'settings_port_conflict',
        message: `Port ${ports.instagram} would be both Instagram's sign-in port and X's sign-in port; choose a different port for each.`,
      }),
    );
    expect(() => service.update({ metricsPort: ports.facebook })).toThrow(
      expect.objectContaining({ code: 'settings_port_conflict' }),
    );
    expect(store.writes).toBe(0);
    // A free port each launch (0) clashes with nothing; a metrics server turned off neither.
    service.update({ metricsPort: 0 });
    service.update({ metricsEnabled: false });
    service.update({ metricsPort: ports.x });
    expect(() => service.update({ metricsEnabled: true })).toThrow(
      expect.objectContaining({ code: 'settings_port_conflict' }),
    );
    expect(service.get()).toMatchObject({ metricsEnabled: false, metricsPort: ports.x });
  });
});
