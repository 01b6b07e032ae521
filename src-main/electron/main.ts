import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import { createCore, type Core } from '../core/app';
import { ensureDataDir } from '../core/data-folder';
import { createLogger } from '../core/logger';
import { loadOriginTable } from '../core/platforms/origin-table';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createElectronHost } from './electron-host';
import { bindIpcBridge } from './ipc-bridge';
import { safeStorageKeyProtector } from './safe-storage-key';
import { createStatusTray } from './tray';
import { createMainWindow, hardenSession } from './window';

const log = createLogger();
const distDir = fileURLToPath(new URL('..', import.meta.url));
const { values: flags } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
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
let core: Core | null = null;

function showWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow(join(distDir, 'electron', 'preload.cjs'));
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  hardenSession(session.defaultSession);
  serveRenderer(join(distDir, 'renderer'));
  const tray = createStatusTray(join(app.getAppPath(), 'resources'), {
    open: showWindow,
    quit: () => app.quit(),
  });
  const host = createElectronHost({ dataDir, tray, keyProtector: safeStorageKeyProtector(), log });
  // On the desktop, --port sets the health/metrics server's port (there is no UI port).
  const metricsPort = typeof flags.port === 'string' ? Number(flags.port) : undefined;
  const originsFile = flags['platform-origins'];
  core = await createCore(
    {
      dataDir,
      origins: loadOriginTable(typeof originsFile === 'string' ? originsFile : undefined),
      ...(Number.isInteger(metricsPort) ? { metricsPort } : {}),
    },
    host,
    { log },
  );
  bindIpcBridge(ipcMain, core, () => BrowserWindow.getAllWindows().map((w) => w.webContents));
  showWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another Switchboard owns the vault; it focuses its window when it hears about us.
  app.quit();
} else {
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
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('Switchboard failed to start', error);
      dialog.showErrorBox(
        'Switchboard could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.exit(1);
    });
}
