import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { BrowserWindowDouble } from './electron-double-windows';
import type { TrayDouble } from './electron-double';

// The electron double's shared state: one fresh Electron per test (see electron-double.ts).

/** Electron's Event: preventDefault() marks it, and the double honours the mark. */
export class DoubleEvent {
  defaultPrevented = false;
  constructor(readonly url?: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export type Handler = (...args: never[]) => unknown;
export type Backend =
  'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

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
    /** The shown notification objects, in the order of `notifications`: tests click them. */
    shownNotifications: [] as EventEmitter[],
    notificationsSupported: true,
    /** What app.setLoginItemSettings last set: whether the OS starts Switchboard at login. */
    openAtLogin: false,
    errorBoxes: [] as { title: string; content: string }[],
    messageBoxes: [] as Record<string, unknown>[],
    messageBoxResponse: 0,
    ipcHandlers: new Map<string, Handler>(),
    exposed: new Map<string, unknown>(),
  };
}
export let state = freshState();
export const appEvents = new EventEmitter();
export const powerEvents = new EventEmitter();

/** Forgets everything: the double's `reset` calls this between tests. */
export function resetState(): void {
  appEvents.removeAllListeners();
  powerEvents.removeAllListeners();
  state = freshState();
}

export function requireReady(what: string): void {
  if (!state.ready) throw new Error(`${what} cannot be used before the app is ready`);
}
