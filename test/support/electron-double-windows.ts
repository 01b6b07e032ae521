import { EventEmitter } from 'node:events';
import { appEvents, DoubleEvent, state } from './electron-double-state';

// Windows, their webContents and the default session of the electron double (electron-double.ts).

export class WebContentsDouble extends EventEmitter {
  url = '';
  destroyed = false;
  sent: unknown[][] = [];
  private openHandler: ((details: Record<string, unknown>) => { action: string }) | null = null;
  readonly session = defaultSession;
  get mainFrame() {
    return { url: this.url, parent: null };
  }
  isDestroyed = () => this.destroyed;
  /** Messages sent before the page finished loading: a real page has no listener yet and loses them. */
  sentBeforeLoad: unknown[][] = [];
  private loaded = false;
  send(...args: unknown[]) {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push(args);
    if (!this.loaded) this.sentBeforeLoad.push(args);
  }
  setWindowOpenHandler(handler: (details: Record<string, unknown>) => { action: string }) {
    this.openHandler = handler;
  }
  /** The load in progress, so a test can let it end before it removes the files it reads. */
  loading: Promise<void> | null = null;
  loadURL(url: string): Promise<void> {
    this.url = url;
    this.loading = (async () => {
      const response = await simulateRequest(url);
      if (!response.ok) throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`);
      this.loaded = true;
      this.emit('did-finish-load');
    })();
    return this.loading;
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

export class BrowserWindowDouble extends EventEmitter {
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
export const defaultSession = {
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
export async function simulateRequest(url: string): Promise<Response> {
  const scheme = new URL(url).protocol.slice(0, -1);
  const handler = state.protocolHandlers.get(scheme);
  if (!handler) return new Response(null, { status: 404 });
  return handler(new Request(url));
}
