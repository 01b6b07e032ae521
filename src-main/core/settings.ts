import {
  DEFAULT_SETTINGS,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../src-shared/settings';
import { AppError } from '../../src-shared/errors';
import type { SettingsStore } from './host';
import { portConflict } from '../../src-shared/settings-ports';
import type { Logger } from './logger';

export interface SettingsService {
  get(): Settings;
  update(patch: SettingsPatch | Pick<Settings, 'metricsTokenSha256'>): Settings;
}

/**
 * Settings on top of the host's store. A damaged or outdated stored value falls back to its
 * default (and says so in the log) instead of stopping the app from starting.
 */
export function createSettingsService(store: SettingsStore, log: Logger): SettingsService {
  const load = (): Settings => {
    const stored = store.load();
    const merged: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
      if (!(key in stored)) continue;
      const candidate = SettingsSchema.shape[key].safeParse(stored[key]);
      if (candidate.success) merged[key] = candidate.data;
      else log.warn(`stored setting ${key} is invalid; using its default`);
    }
    return SettingsSchema.parse(merged);
  };
  let current = load();
  return {
    get: () => current,
    update(patch) {
      const next = SettingsSchema.safeParse({ ...current, ...patch });
      if (!next.success) throw new AppError('settings_invalid');
      const clash = portConflict(next.data);
      if (clash) throw new AppError('settings_port_conflict', clash);
      store.save(next.data);
      current = next.data;
      return current;
    },
  };
}
