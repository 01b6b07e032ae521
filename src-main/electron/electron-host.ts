import { Notification, powerMonitor, shell } from 'electron';
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
}): Host {
  const host = {
    mode: 'desktop' as const,
    keyProtector: options.keyProtector,
    settings: electronSettingsStore(options.dataDir, options.log),
    openExternal: (url: string) => shell.openExternal(url),
    notify: ({ title, body }: { title: string; body: string }) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    setTrayStatus: (status: TrayStatus, tooltip: string) => options.tray.setStatus(status, tooltip),
    // After sleep, timers fire late or not at all: the core re-plans its refreshes on wake.
    onResume: (listener: () => void) => {
      powerMonitor.on('resume', listener);
      return () => void powerMonitor.removeListener('resume', listener);
    },
  };
  return host;
}
