import { Notification, shell } from 'electron';
import Store from 'electron-store';
import type { Host, KeyProtector, SettingsStore } from '../core/host';
import type { StatusTray } from './tray';

/** Settings in `<userData>/settings.json` through electron-store. */
function electronSettingsStore(dataDir: string): SettingsStore {
  const store = new Store<Record<string, unknown>>({ name: 'settings', cwd: dataDir });
  return {
    load: () => ({ ...store.store }),
    save: (values) => {
      store.store = values;
    },
  };
}

export function createElectronHost(options: {
  dataDir: string;
  tray: StatusTray;
  keyProtector: KeyProtector;
}): Host {
  return {
    mode: 'desktop',
    keyProtector: options.keyProtector,
    settings: electronSettingsStore(options.dataDir),
    openExternal: (url) => shell.openExternal(url),
    notify: ({ title, body }) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
    setTrayStatus: (status, tooltip) => options.tray.setStatus(status, tooltip),
  };
}
