import type { EventBus } from './event-bus';
import type { Host } from './host';
import type { SettingsService } from './settings';

/**
 * Keeps the OS login item in step with the launchAtLogin setting: once at start (the setting
 * may have been changed while the app was off, or the login item removed by hand) and on every
 * settings change. Hosts without a login item (serve mode) are left alone.
 */
export function followLaunchAtLogin(host: Host, settings: SettingsService, events: EventBus) {
  const apply = host.setLaunchAtLogin?.bind(host);
  if (!apply) return () => {};
  let applied = settings.get().launchAtLogin;
  apply(applied);
  return events.subscribe((message) => {
    if (message.event !== 'settings.changed') return;
    const wanted = settings.get().launchAtLogin;
    if (wanted !== applied) apply((applied = wanted));
  });
}
