import { Notification, shell } from 'electron';
import Store from 'electron-store';
import type { Host, KeyProtector, SettingsStore } from '../core/host';
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
  return {
    mode: 'desktop',
    keyProtector: options.keyProtector,
    settings: electronSettingsStore(options.dataDir, options.log),
    openExternal: (url) => shell.openExternal(url),
    notify: ({ title, body }) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    setTrayStatus: (status, tooltip) => options.tray.setStatus(status, tooltip),
  };
}
