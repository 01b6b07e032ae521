import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import Conf from 'conf';

/**
 * A faithful double of the `electron` module at the shell's boundary, for behaviour tests under
 * Node. It keeps Electron's semantics where the shell's safety depends on them: an event the
 * shell prevents does not happen, a window-open handler's answer is obeyed, a permission request
 * with no handler is granted (Electron's default), safeStorage's `basic_text` backend "works"
 * with a hard-coded key, and the protocol module refuses use on the wrong side of `ready`.
 * Tests drive it through `electronDouble` (simulate*, inspect state) and reset it between runs.
 */

/** Electron's Event: preventDefault() marks it, and the double honours the mark. */
export class DoubleEvent {
  defaultPrevented = false;
  constructor(readonly url?: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

type Handler = (...args: never[]) => unknown;
type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

function freshState() {
  return {
    ready: false,
    readyWaiters: [] as (() => void)[],
    paths: new Map<string, string>(),
    appPath: process.cwd(),
    isPackaged: false,
    /** Whether another Switchboard already holds the single-instance lock. */
    otherInstance: false,
    quitRequests: 0,
    quitted: false,
    exitCode: null as number | null,
    windows: [] as BrowserWindowDouble[],
    privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
    protocolHandlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
    trays: [] as TrayDouble[],
    backend: 'gnome_libsecret' as Backend,
    /** Stands in for the login keyring's secret; `basic_text` uses Chromium's fixed one. */
    keyringSecret: randomBytes(32),
    opened: [] as string[],
    notifications: [] as { title: string; body: string }[],
    notificationsSupported: true,
    errorBoxes: [] as { title: string; content: string }[],
    messageBoxes: [] as Record<string, unknown>[],
    messageBoxResponse: 0,
    ipcHandlers: new Map<string, Handler>(),
    exposed: new Map<string, unknown>(),
  };
}
let state = freshState();
const appEvents = new EventEmitter();
const powerEvents = new EventEmitter();

class WebContentsDouble extends EventEmitter {
  url = '';
  destroyed = false;
  sent: unknown[][] = [];
  private openHandler: ((details: Record<string, unknown>) => { action: string }) | null = null;
  readonly session = defaultSession;
  get mainFrame() {
    return { url: this.url, parent: null };
  }
  isDestroyed = () => this.destroyed;
  send(...args: unknown[]) {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push(args);
  }
  setWindowOpenHandler(handler: (details: Record<string, unknown>) => { action: string }) {
    this.openHandler = handler;
  }
  async loadURL(url: string) {
    this.url = url;
    const response = await simulateRequest(url);
    if (!response.ok) throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`);
    this.emit('did-finish-load');
  }
  /** A link click or script navigation: it happens unless a will-navigate listener prevents it. */
  simulateNavigate(url: string): boolean {
    return this.gate('will-navigate', url);
  }
  simulateRedirect(url: string): boolean {
    return this.gate('will-redirect', url);
  }
  /** window.open or target=_blank: with no handler, or `allow`, Electron opens a new window. */
  simulateWindowOpen(url: string): BrowserWindowDouble | null {
    const answer = this.openHandler?.({
      url,
      frameName: '',
      features: '',
      disposition: 'new-window',
    });
    return !answer || answer.action === 'allow' ? new BrowserWindowDouble({}) : null;
  }
  simulateAttachWebview(src: string): boolean {
    const event = new DoubleEvent(src);
    this.emit('will-attach-webview', event, {}, { src });
    return !event.defaultPrevented;
  }
  private gate(name: string, url: string): boolean {
    const event = new DoubleEvent(url);
    this.emit(name, event, url);
    if (event.defaultPrevented) return false;
    this.url = url;
    return true;
  }
}

class BrowserWindowDouble extends EventEmitter {
  static getAllWindows = () => state.windows.filter((w) => !w.destroyed);
  static getFocusedWindow = () => state.windows.find((w) => w.focused && !w.destroyed) ?? null;
  readonly webContents = new WebContentsDouble();
  destroyed = false;
  visible = false;
  minimized = false;
  focused = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    state.windows.push(this);
    this.webContents.on('did-finish-load', () => this.emit('ready-to-show'));
  }
  isDestroyed = () => this.destroyed;
  isMinimized = () => this.minimized;
  isVisible = () => this.visible;
  minimize = () => void ((this.minimized = true), (this.focused = false));
  restore = () => void (this.minimized = false);
  show = () => void ((this.visible = true), (this.focused = !this.minimized));
  hide = () => void ((this.visible = false), (this.focused = false));
  focus = () => void (this.focused = !this.minimized && this.visible);
  loadURL = (url: string) => this.webContents.loadURL(url);
  close() {
    const event = new DoubleEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = this.webContents.destroyed = true;
    this.emit('closed');
    if (BrowserWindowDouble.getAllWindows().length === 0) appEvents.emit('window-all-closed');
  }
}

type PermissionRequest = (
  wc: unknown,
  permission: string,
  cb: (ok: boolean) => void,
  d: unknown,
) => void;
type PermissionCheck = (wc: unknown, permission: string, origin: string, d: unknown) => boolean;
const defaultSession = {
  requestHandler: null as PermissionRequest | null,
  checkHandler: null as PermissionCheck | null,
  setPermissionRequestHandler(handler: PermissionRequest | null) {
    this.requestHandler = handler;
  },
  setPermissionCheckHandler(handler: PermissionCheck | null) {
    this.checkHandler = handler;
  },
  /** A page asks for camera, geolocation…: with no handler Electron grants it. */
  simulatePermissionRequest(wc: unknown, permission: string): Promise<boolean> {
    const handler = this.requestHandler;
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) => handler(wc, permission, resolve, { requestingUrl: '' }));
  },
  simulatePermissionCheck(wc: unknown, permission: string, origin: string): boolean {
    return this.checkHandler ? this.checkHandler(wc, permission, origin, {}) : true;
  },
};

/** What Chromium does with a URL: hand it to the scheme's handler, or fail. */
async function simulateRequest(url: string): Promise<Response> {
  const scheme = new URL(url).protocol.slice(0, -1);
  const handler = state.protocolHandlers.get(scheme);
  if (!handler) return new Response(null, { status: 404 });
  return handler(new Request(url));
}

/** Chromium's fixed `basic_text` key ("peanuts"): encryption that protects nothing. */
const PEANUTS = createHash('sha256').update('peanuts').digest();
const safeStorageKey = () => (state.backend === 'basic_text' ? PEANUTS : state.keyringSecret);
function requireReady(what: string) {
  if (!state.ready) throw new Error(`${what} cannot be used before the app is ready`);
}

class TrayDouble extends EventEmitter {
  tooltip = '';
  menu: { items: { label?: string; type?: string; click?: () => void }[] } | null = null;
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
  Notification: class {
    static isSupported = () => state.notificationsSupported;
    constructor(private readonly options: { title: string; body: string }) {}
    show() {
      state.notifications.push({ title: this.options.title, body: this.options.body });
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

/** Test-side controls: start the app, act as the OS or the user, and read what happened. */
export const electronDouble = {
  get state() {
    return state;
  },
  /** Forgets every window, handler and listener: one fresh Electron per test. */
  reset(paths: Record<string, string> = {}) {
    appEvents.removeAllListeners();
    powerEvents.removeAllListeners();
    defaultSession.requestHandler = null;
    defaultSession.checkHandler = null;
    state = freshState();
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
export type { BrowserWindowDouble, TrayDouble };

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
