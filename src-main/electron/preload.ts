import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Result, SwitchboardBridge } from '../../src-shared/ipc-contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';

// The renderer gets two functions, never ipcRenderer itself: it cannot reach any other channel.
const bridge: SwitchboardBridge = {
  invoke: (channel, input) =>
    ipcRenderer.invoke(INVOKE_CHANNEL, channel, input) as Promise<Result<unknown>>,
  subscribe: (listener) => {
    const relay = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('switchboard', bridge);
