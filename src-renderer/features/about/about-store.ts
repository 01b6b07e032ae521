import { create } from 'zustand';
import type { AppInfo } from '../../../src-shared/ipc-contract';
import { asIpcError, type IpcError } from '../../ipc-error';
import type { Ipc } from '../../ipc';

export interface AboutState {
  info: AppInfo | null;
  error: IpcError | null;
  load(): Promise<void>;
}

/** The store's logic on the calls (and events) it is given: the app's transport, or a test's fake. */
export function createAboutStore({ invoke }: Pick<Ipc, 'invoke'>) {
  return create<AboutState>((set) => ({
    info: null,
    error: null,
    load: async () => {
      try {
        set({ info: await invoke('app.info', {}), error: null });
      } catch (error) {
        set({ error: asIpcError(error) });
      }
    },
  }));
}
