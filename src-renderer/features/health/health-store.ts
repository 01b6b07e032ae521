import { create } from 'zustand';
import type { HealthDocument } from '../../../src-shared/health';
import { asIpcError, invoke, type IpcError, on } from '../../ipc';

interface HealthState {
  document: HealthDocument | null;
  error: IpcError | null;
  load(): Promise<void>;
  /** Follows fresh evaluations pushed by main; returns the unsubscribe. */
  follow(): () => void;
}

export const useHealth = create<HealthState>((set) => ({
  document: null,
  error: null,
  load: async () => {
    try {
      set({ document: await invoke('health.get', {}), error: null });
    } catch (error) {
      set({ error: asIpcError(error) });
    }
  },
  follow: () => on('health.changed', (document) => set({ document })),
}));
