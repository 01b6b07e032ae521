import type { IpcMainInvokeEvent } from 'electron';
import type { Core } from '../core/app';
import { failure } from '../core/dispatch';
import { APP_HOST, APP_SCHEME, EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';

/** The slice of Electron's ipcMain the bridge uses, so tests can stand in at this boundary. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/** Only the app's own top-level page may call: not a subframe, not a navigated-away page. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    // URL.origin is "null" for custom schemes, so compare scheme and host instead.
    const url = new URL(frame.url);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Routes every contract call from the preload to the core, and every core event to the windows.
 * Returns the function that unbinds both.
 */
export function bindIpcBridge(
  ipcMain: IpcMainLike,
  core: Pick<Core, 'dispatch' | 'subscribe'>,
  eventTargets: () => EventTarget[],
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel, input) => {
    if (!isTrustedSender(event)) return failure('forbidden_sender');
    if (typeof channel !== 'string') return failure('unknown_channel');
    return core.dispatch(channel, input);
  });
  const unsubscribe = core.subscribe(({ event, payload }) => {
    for (const target of eventTargets()) {
      if (!target.isDestroyed()) target.send(EVENT_CHANNEL, event, payload);
    }
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    unsubscribe();
  };
}
