import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import Conf from 'conf';
import {
  appEvents,
  type Backend,
  DoubleEvent,
  type Handler,
  powerEvents,
  requireReady,
  resetState,
  state,
} from './electron-double-state';
import { BrowserWindowDouble, defaultSession, simulateRequest } from './electron-double-windows';

/**
 * A faithful double of the `electron` module at the shell's boundary, for behaviour tests under
 * Node. It keeps Electron's semantics where the shell's safety depends on them: an event the
 * shell prevents does not happen, a window-open handler's answer is obeyed, a permission request
 * with no handler is granted (Electron's default), safeStorage's `basic_text` backend "works"
 * with a hard-coded key, and the protocol module refuses use on the wrong side of `ready`.
 * Tests drive it through `electronDouble` (simulate*, inspect state) and reset it between runs.
 */

export { DoubleEvent };

/** Chromium's fixed `basic_text` key ("peanuts"): encryption that protects nothing. */
const PEANUTS = createHash('sha256').update('peanuts').digest();
const safeStorageKey = () => (state.backend === 'basic_text' ? PEANUTS : state.keyringSecret);

export class TrayDouble extends EventEmitter {
  tooltip = '';
  menu: {
    items: { label?: string; type?: string; enabled?: boolean; click?: () => void }[];
  } | null = null;
  destroyed = false;
  constructor(public image: NativeImageDouble) {
    super();
    state.trays.push(this);
  }
  setImage = (image: NativeImageDouble) => void (this.image = image);
  setToolTip = (tooltip: string) => void (this.tooltip = tooltip);
  setContextMenu = (menu: TrayDouble['menu']) => void (this.menu = menu);
  destroy = () => void (this.destroyed = true);
  /** Clicks the context-menu item with this label. */
  simulateMenuClick(label: string) {
    const item = this.menu?.items.find((entry) => entry.label === label);
    if (!item?.click) throw new Error(`no menu item "${label}"`);
    item.click();
  }
}
interface NativeImageDouble {
  path: string;
  isEmpty(): boolean;
}

/** The module object `vi.mock('electron', …)` returns. */
export const electronModule = {
  app: Object.assign(appEvents, {
    get isPackaged() {
      return state.isPackaged;
    },
    getPath: (name: string) => {
      const path = state.paths.get(name);
      if (!path) throw new Error(`Failed to get '${name}' path`);
      return path;
    },
    setPath: (name: string, path: string) => void state.paths.set(name, path),
    getAppPath: () => state.appPath,
    isReady: () => state.ready,
    whenReady: () =>
      state.ready ? Promise.resolve() : new Promise<void>((r) => state.readyWaiters.push(r)),
    requestSingleInstanceLock: () => !state.otherInstance,
    /** Electron's quit: before-quit and will-quit may each prevent it. */
    quit() {
      state.quitRequests += 1;
      for (const name of ['before-quit', 'will-quit']) {
        const event = new DoubleEvent();
        appEvents.emit(name, event);
        if (event.defaultPrevented) return;
      }
      state.quitted = true;
      appEvents.emit('quit');
    },
    exit: (code = 0) => void ((state.exitCode = code), (state.quitted = true)),
    setLoginItemSettings: (settings: { openAtLogin?: boolean }) =>
      void (state.openAtLogin = settings.openAtLogin ?? false),
    getLoginItemSettings: () => ({ openAtLogin: state.openAtLogin }),
  }),
  BrowserWindow: BrowserWindowDouble,
  session: { defaultSession },
  protocol: {
    registerSchemesAsPrivileged(
      schemes: { scheme: string; privileges: Record<string, boolean> }[],
    ) {
      if (state.ready) throw new Error('registerSchemesAsPrivileged must be called before ready');
      state.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Promise<Response> | Response) {
      requireReady('protocol');
      if (state.protocolHandlers.has(scheme)) throw new Error(`scheme ${scheme} already handled`);
      state.protocolHandlers.set(scheme, handler);
    },
  },
  Tray: TrayDouble,
  Menu: { buildFromTemplate: (items: NonNullable<TrayDouble['menu']>['items']) => ({ items }) },
  nativeImage: {
    createFromPath: (path: string): NativeImageDouble => ({
      path,
      isEmpty: () => !existsSync(path),
    }),
  },
  safeStorage: {
    getSelectedStorageBackend: (): Backend => (state.ready ? state.backend : 'unknown'),
    isAsyncEncryptionAvailable: async () => state.ready,
    async encryptStringAsync(plain: string): Promise<Buffer> {
      requireReady('safeStorage');
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', safeStorageKey(), iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from('v11'), iv, cipher.getAuthTag(), body]);
    },
    async decryptStringAsync(blob: Buffer) {
      requireReady('safeStorage');
      try {
        const decipher = createDecipheriv('aes-256-gcm', safeStorageKey(), blob.subarray(3, 15));
        decipher.setAuthTag(blob.subarray(15, 31));
        const result = Buffer.concat([decipher.update(blob.subarray(31)), decipher.final()]);
        return { shouldReEncrypt: false, result: result.toString('utf8') };
      } catch {
        throw new Error(
          'Error while decrypting the ciphertext provided to safeStorage.decryptString.',
        );
      }
    },
  },
  powerMonitor: powerEvents,
  Notification: class extends EventEmitter {
    static isSupported = () => state.notificationsSupported;
    constructor(private readonly options: { title: string; body: string }) {
      super();
    }
    show() {
      state.notifications.push({ title: this.options.title, body: this.options.body });
      state.shownNotifications.push(this);
    }
  },
  dialog: {
    showErrorBox: (title: string, content: string) =>
      void state.errorBoxes.push({ title, content }),
    showMessageBox: async (...args: unknown[]) => {
      state.messageBoxes.push(args.at(-1) as Record<string, unknown>);
      return { response: state.messageBoxResponse, checkboxChecked: false };
    },
  },
  shell: {
    openExternal: async (url: string) => void state.opened.push(url),
  },
  ipcMain: {
    handle(channel: string, handler: Handler) {
      if (state.ipcHandlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      state.ipcHandlers.set(channel, handler);
    },
    removeHandler: (channel: string) => void state.ipcHandlers.delete(channel),
  },
};
// Object.assign above copied the getter's value once (false); Electron reads it live.
Object.defineProperty(electronModule.app, 'isPackaged', { get: () => state.isPackaged });

/** Test-side controls: start the app, act as the OS or the user, and read what happened. */
export const electronDouble = {
  get state() {
    return state;
  },
  /** Forgets every window, handler and listener: one fresh Electron per test. */
  reset(paths: Record<string, string> = {}) {
    resetState();
    defaultSession.requestHandler = null;
    defaultSession.checkHandler = null;
    for (const [name, path] of Object.entries(paths)) state.paths.set(name, path);
  },
  /** The OS finished launching us: `ready` fires and whenReady() resolves. */
  fireReady() {
    state.ready = true;
    appEvents.emit('ready');
    for (const resolve of state.readyWaiters.splice(0)) resolve();
  },
  simulateRequest,
  /** A second launch: Electron tells the first instance through `second-instance`. */
  simulateSecondInstance(argv: string[] = []) {
    appEvents.emit('second-instance', new DoubleEvent(), argv, process.cwd(), {});
  },
  /** The user clicks the latest shown notification whose title contains `title`. */
  simulateNotificationClick(title: string) {
    const index = state.notifications.findLastIndex((n) => n.title.includes(title));
    if (index < 0) throw new Error(`no notification "${title}"`);
    state.shownNotifications[index]!.emit('click', new DoubleEvent());
  },
  /** The renderer's ipcRenderer.invoke from a window's main frame, as Electron delivers it. */
  async simulateInvoke(window: BrowserWindowDouble, channel: string, ...args: unknown[]) {
    const handler = state.ipcHandlers.get(channel) as ((...a: unknown[]) => unknown) | undefined;
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(
      { sender: window.webContents, senderFrame: window.webContents.mainFrame },
      ...args,
    );
  },
};
export type { BrowserWindowDouble };

/**
 * electron-store 11 is conf plus this constructor (`name` becomes `configName`, a relative `cwd`
 * is read against userData). The real one imports Electron natively, out of vi.mock's reach.
 */
export class ElectronStoreDouble extends Conf<Record<string, unknown>> {
  constructor(options: Record<string, unknown> = {}) {
    const { name = 'config', cwd = '', ...rest } = options as { name?: string; cwd?: string };
    const userData = electronModule.app.getPath('userData');
    super({ ...rest, configName: name, cwd: isAbsolute(cwd) ? cwd : join(userData, cwd) });
  }
}
