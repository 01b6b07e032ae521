import { create } from 'zustand';
import type { AppInfo } from '../../../src-shared/ipc-contract';
import { asIpcError, invoke, type IpcError } from '../../ipc';

interface AboutState {
  info: AppInfo | null;
  error: IpcError | null;
  load(): Promise<void>;
}

export const useAbout = create<AboutState>((set) => ({
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
