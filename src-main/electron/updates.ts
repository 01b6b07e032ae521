import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { dialog } from 'electron';
import type { Logger } from '../core/logger';

/** The slice of electron-updater's autoUpdater the shell uses, so tests can stand in for it. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(): void;
}

/** electron-builder writes the feed named by `publish` in electron-builder.yml into this file. */
export const UPDATE_FEED_FILE = 'app-update.yml';

/**
 * Checks the build's update feed once per launch. Off in development and in a build that names
 * no feed. Updates download in the background but install only when the creator says so:
 * installing restarts the app, which must not happen in the middle of their work.
 */
export async function startUpdates(options: {
  isPackaged: boolean;
  resourcesPath: string;
  loadUpdater: () => Promise<UpdaterLike>;
  askToInstall: (version: string) => Promise<boolean>;
  log: Logger;
}): Promise<boolean> {
  const { log } = options;
  if (!options.isPackaged || !existsSync(join(options.resourcesPath, UPDATE_FEED_FILE))) {
    log.info('updates are off: this build names no update feed');
    return false;
  }
  const updater = await options.loadUpdater();
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = false;
  updater.on('error', (error) => log.warn(`update check failed: ${error.message}`));
  updater.on('update-downloaded', ({ version }) => {
    void options.askToInstall(version).then((yes) => {
      // quitAndInstall goes through before-quit, so the core closes the vault first.
      if (yes) updater.quitAndInstall();
    });
  });
  updater.checkForUpdates().catch((error: unknown) => {
    log.warn(`update check failed: ${error instanceof Error ? error.message : String(error)}`);
  });
  return true;
}

/** Asks the creator, in a native dialog, whether to restart into a downloaded update now. */
export async function askToInstallUpdate(version: string): Promise<boolean> {
  const { response } = await dialog.showMessageBox({
    type: 'question',
    buttons: ['Restart and update', 'Later'],
    defaultId: 0,
    cancelId: 1,
    message: `Switchboard ${version} is ready to install.`,
    detail: 'Switchboard restarts to install it. Your accounts and vault stay as they are.',
  });
  return response === 0;
}

/** electron-updater imports Electron when loaded, so it is loaded only when a feed exists. */
export async function loadElectronUpdater(): Promise<UpdaterLike> {
  const module = (await import('electron-updater')) as unknown as {
    autoUpdater?: UpdaterLike;
    default?: { autoUpdater: UpdaterLike };
  };
  const updater = module.autoUpdater ?? module.default?.autoUpdater;
  if (!updater) throw new Error('electron-updater has no autoUpdater');
  return updater;
}
