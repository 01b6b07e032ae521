import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../src-main/core/app';
import { bindIpcBridge, type IpcMainLike } from '../../src-main/electron/ipc-bridge';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../src-main/electron/ipc-channels';
import { capturingLogger, memorySettingsStore, recordingHost, tempDir } from '../support/test-host';
import { describeTransportContract } from '../support/transport-contract-suite';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

/** Electron's ipcMain replaced at its boundary: it records handlers and lets tests call them. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  const invokeFrom = (frame: { url: string; parent: unknown } | null, ...args: unknown[]) => {
    const handler = handlers.get(INVOKE_CHANNEL);
    if (!handler) throw new Error('no handler registered');
    return handler({ senderFrame: frame } as unknown as IpcMainInvokeEvent, ...args);
  };
  return { ipcMain, handlers, invokeFrom };
}

const APP_FRAME = { url: 'app://switchboard/index.html', parent: null };

/** A window's webContents as the bridge sees it: it records what main sent. */
function fakeWindow() {
  const sent: { event: string; payload: unknown }[] = [];
  const waiters: ((message: { event: string; payload: unknown }) => void)[] = [];
  return {
    sent,
    target: {
      isDestroyed: () => false,
      send: (channel: string, event: unknown, payload: unknown) => {
        if (channel !== EVENT_CHANNEL) throw new Error(`unexpected channel ${channel}`);
        const message = { event: event as string, payload };
        const waiter = waiters.shift();
        if (waiter) waiter(message);
        else sent.push(message);
      },
    },
    next: () =>
      new Promise<{ event: string; payload: unknown }>((resolve) => {
        const queued = sent.shift();
        if (queued) resolve(queued);
        else waiters.push(resolve);
      }),
  };
}

describeTransportContract('the Electron IPC bridge', async (core) => {
  const { ipcMain, invokeFrom } = fakeIpcMain();
  const window = fakeWindow();
  const unbind = bindIpcBridge(ipcMain, core, () => [window.target]);
  return {
    invoke: (channel, input) => invokeFrom(APP_FRAME, channel, input) as never,
    nextEvent: window.next,
    close: async () => unbind(),
  };
});

describe('Electron IPC bridge sender checks', () => {
  async function bridged() {
    const dir = tempDir();
    const settings = memorySettingsStore();
    const core = await createCore(
      { dataDir: dir.path, metricsPort: 0 },
      recordingHost(settings).host,
      {
        log: capturingLogger(),
      },
    );
    const fake = fakeIpcMain();
    const unbind = bindIpcBridge(fake.ipcMain, core, () => []);
    return { ...fake, settings, unbind, dir, core };
  }

  it('refuses calls from any frame but the app page, and the handler never runs', async () => {
    const { invokeFrom, settings, dir, core } = await bridged();
    const frames = [
      { url: 'https://evil.example/', parent: null },
      { url: 'file:///home/creator/index.html', parent: null },
      { url: 'app://switchboard/index.html', parent: APP_FRAME },
      { url: 'app://elsewhere/index.html', parent: null },
      { url: 'not a url', parent: null },
      null,
    ];
    for (const frame of frames) {
      const result = await invokeFrom(frame, 'settings.update', { metricsPort: 9100 });
      expect(result, JSON.stringify(frame)).toMatchObject({
        ok: false,
        error: { code: 'forbidden_sender' },
      });
    }
    expect(settings.writes).toBe(0);
    await core.close();
    dir.remove();
  });

  it('refuses a non-string channel name', async () => {
    const { invokeFrom, dir, core } = await bridged();
    expect(await invokeFrom(APP_FRAME, { toString: () => 'app.info' }, {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    await core.close();
    dir.remove();
  });

  it('unbinding removes the handler', async () => {
    const { handlers, unbind, dir, core } = await bridged();
    expect(handlers.has(INVOKE_CHANNEL)).toBe(true);
    unbind();
    expect(handlers.has(INVOKE_CHANNEL)).toBe(false);
    await core.close();
    dir.remove();
  });
});
