import { app, Notification, powerMonitor, shell } from 'electron';
import Store from 'electron-store';
import type { Host, KeyProtector, SettingsStore, TrayStatus } from '../core/host';
import type { Logger } from '../core/logger';
import { openSettingsFile } from '../core/settings-file';
import type { StatusTray } from './tray';

/** Settings in `<userData>/settings.json` through electron-store, checked like serve mode's. */
export function electronSettingsStore(dataDir: string, log: Logger): SettingsStore {
  return openSettingsFile(
    dataDir,
    ({ cwd, name, mode }) =>
      new Store<Record<string, unknown>>({ name, cwd, configFileMode: mode }),
    { log },
  );
}

export function createElectronHost(options: {
  dataDir: string;
  tray: StatusTray;
  keyProtector: KeyProtector;
  log: Logger;
  /** Shows the window on one account: where a clicked account notification leads. */
  openAccount?: (accountId: string) => void;
  /** The bundled `switchboard` command, unpacked beside the asar archive. */
  commandEntry?: string;
}): Host {
  // Electron drops a notification's click handler once the object is garbage-collected, so the
  // shown ones are held until clicked or closed.
  const shown = new Set<Notification>();
  const host = {
    mode: 'desktop' as const,
    ...(options.commandEntry ? { commandEntry: options.commandEntry } : {}),
    keyProtector: options.keyProtector,
    settings: electronSettingsStore(options.dataDir, options.log),
    openExternal: (url: string) => shell.openExternal(url),
    notify: ({ title, body, accountId }: { title: string; body: string; accountId?: string }) => {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      const forget = () => void shown.delete(notification);
      notification.on('click', () => {
        forget();
        if (accountId !== undefined) options.openAccount?.(accountId);
      });
      notification.on('close', forget);
      shown.add(notification);
      notification.show();
    },
    setTrayStatus: (status: TrayStatus, tooltip: string) => options.tray.setStatus(status, tooltip),
    // After sleep, timers fire late or not at all: the core re-plans its refreshes on wake.
    onResume: (listener: () => void) => {
      powerMonitor.on('resume', listener);
      return () => void powerMonitor.removeListener('resume', listener);
    },
    setLaunchAtLogin: (enabled: boolean) => app.setLoginItemSettings({ openAtLogin: enabled }),
  };
  return host;
}
