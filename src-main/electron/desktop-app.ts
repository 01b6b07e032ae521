import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { createCore, type Core } from '../core/app';
import type { CoreConfig } from '../core/config';
import type { Host } from '../core/host';
import { ensureDataDir } from '../core/data-folder';
import { createLogger, type Logger } from '../core/logger';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createElectronHost } from './electron-host';
import { bindIpcBridge } from './ipc-bridge';
import { EVENT_CHANNEL } from './ipc-channels';
import { safeStorageKeyProtector } from './safe-storage-key';
import { debuggingSwitch, desktopOriginTable } from './launch-guard';
import { createStatusTray, followAccountsInTray } from './tray';
import { askToInstallUpdate, loadElectronUpdater, startUpdates } from './updates';
import { createMainWindow, hardenSession } from './window';
import { commandEntryOf } from './command-entry';

export interface DesktopRun<C extends Core = Core> {
  /** Settles once the core and the window are up (null when another instance owns the vault). */
  readonly started: Promise<C | null>;
}

/**
 * Wires Electron's app lifecycle to the core. A function rather than module-level code so the
 * shell's behaviour tests can run it against the electron double, once per test.
 */
export function runDesktop<C extends Core = Core>(options: {
  argv: string[];
  distDir: string;
  log?: Logger;
  env?: NodeJS.ProcessEnv;
  /** Builds and starts the core; the shell's tests pass createTestCore to keep its services. */
  createCore?: (config: CoreConfig, host: Host, coreOptions: { log: Logger }) => Promise<C>;
}): DesktopRun<C> {
  // C is Core unless a caller passes its own createCore.
  const startCore = (options.createCore ?? createCore) as NonNullable<typeof options.createCore>;
  const log = options.log ?? createLogger();
  const { distDir } = options;
  // A creator's copy never runs with a debugger attached: it would read the vault key and every
  // token. Before anything else, so nothing sensitive is loaded yet. Development keeps them.
  const refused = app.isPackaged ? debuggingSwitch(options.argv) : null;
  if (refused) {
    log.error(`Switchboard will not start with ${refused}: it would expose the vault's secrets.`);
    app.exit(1);
    return { started: Promise.resolve(null) };
  }
  const { values: flags } = parseArgs({
    args: options.argv.slice(app.isPackaged ? 1 : 2),
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string' },
      'platform-origins': { type: 'string' },
    },
    strict: false,
    allowPositionals: true,
  });
  if (typeof flags['data-dir'] === 'string') app.setPath('userData', flags['data-dir']);
  // Owner-only before Chromium, the single-instance lock or electron-store touch it.
  ensureDataDir(app.getPath('userData'), {
    log,
    existing: typeof flags['data-dir'] === 'string' ? 'warn' : 'tighten',
  });

  registerAppScheme();

  let mainWindow: BrowserWindow | null = null;
  let core: C | null = null;

  function showWindow(): void {
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow(join(distDir, 'electron', 'preload.cjs'));
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  }

  /** Shows the window on one account (a tray item or a notification was clicked). */
  function openAccount(accountId: string): void {
    const fresh = !mainWindow || mainWindow.isDestroyed();
    showWindow();
    const contents = mainWindow!.webContents;
    const tell = () => {
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, 'app.openAccount', { accountId });
    };
    // A new window's page hears nothing until it has loaded.
    if (fresh) contents.once('did-finish-load', tell);
    else tell();
  }

  /** Check all now: the same call as the Overview's button, for every account. */
  function checkAll(): void {
    void core
      ?.dispatch('accounts.check', {})
      .then((result) => {
        if (!result.ok) log.warn(`check all from the tray: ${result.error.message}`);
      })
      .catch((error: unknown) => log.warn(`check all from the tray failed: ${String(error)}`));
  }

  async function start(): Promise<C> {
    const dataDir = app.getPath('userData');
    hardenSession(session.defaultSession);
    serveRenderer(join(distDir, 'renderer'));
    const tray = createStatusTray(join(app.getAppPath(), 'resources'), {
      open: showWindow,
      openAccount,
      checkAll,
      quit: () => app.quit(),
    });
    const host = createElectronHost({
      dataDir,
      tray,
      keyProtector: safeStorageKeyProtector(),
      log,
      openAccount,
      // Node cannot read inside app.asar: electron-builder unpacks dist/cli beside it.
      commandEntry: commandEntryOf(distDir),
    });
    // On the desktop, --port sets the health/metrics server's port (there is no UI port).
    const metricsPort = typeof flags.port === 'string' ? Number(flags.port) : undefined;
    const originsFile = flags['platform-origins'];
    core = await startCore(
      {
        dataDir,
        origins: desktopOriginTable({
          isPackaged: app.isPackaged,
          file: typeof originsFile === 'string' ? originsFile : undefined,
          env: options.env ?? process.env,
          log,
        }),
        ...(Number.isInteger(metricsPort) ? { metricsPort } : {}),
      },
      host,
      { log },
    );
    bindIpcBridge(ipcMain, core, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
    followAccountsInTray(core, tray);
    showWindow();
    void startUpdates({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      loadUpdater: loadElectronUpdater,
      askToInstall: askToInstallUpdate,
      log,
    }).catch((error: unknown) => log.warn(`updates not started: ${String(error)}`));
    return core;
  }

  if (!app.requestSingleInstanceLock()) {
    // Another Switchboard owns the vault; it focuses its window when it hears about us.
    app.quit();
    return { started: Promise.resolve(null) };
  }
  app.on('second-instance', showWindow);
  app.on('activate', showWindow);
  // Closing the window keeps Switchboard in the tray: refreshing tokens is the point.
  app.on('window-all-closed', () => {});
  // Close the vault (and the metrics server) before Electron exits, so no write is cut short.
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed || !core) return;
    event.preventDefault();
    closed = true;
    void core.close().finally(() => app.quit());
  });
  const started = app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('Switchboard failed to start', error);
      dialog.showErrorBox(
        'Switchboard could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
      return null;
    });
  return { started };
}
