import Conf from 'conf';
import type { Host, KeyProtector, SettingsStore } from '../core/host';
import type { Logger } from '../core/logger';
import { openSettingsFile } from '../core/settings-file';

/** Settings in `<data-dir>/settings.json` through conf, electron-store's Node core. */
export function confSettingsStore(
  dataDir: string,
  log: Logger,
  now: () => number = Date.now,
): SettingsStore {
  return openSettingsFile(
    dataDir,
    ({ cwd, name, mode }) =>
      new Conf<Record<string, unknown>>({
        projectName: 'switchboard',
        cwd,
        configName: name,
        configFileMode: mode,
      }),
    { log, now },
  );
}

/**
 * Serve mode has no tray and no notification centre (it may run on a NAS), so both go to the
 * log; the browser is wherever the creator is, so URLs to open are printed for them.
 */
export function createServeHost(
  dataDir: string,
  keyProtector: KeyProtector,
  log: Logger,
  mode: 'serve' | 'demo' = 'serve',
  commandEntry?: string,
): Host {
  let lastTray = '';
  return {
    mode,
    ...(commandEntry ? { commandEntry } : {}),
    keyProtector,
    settings: confSettingsStore(dataDir, log),
    openExternal: async (url) => {
      process.stdout.write(`Open this address in your browser to continue: ${url}\n`);
    },
    notify: ({ title, body }) => log.info(`notification: ${title} — ${body}`),
    setTrayStatus: (status, tooltip) => {
      const line = `${status}: ${tooltip}`;
      if (line !== lastTray) log.info(`status ${line}`);
      lastTray = line;
    },
  };
}
