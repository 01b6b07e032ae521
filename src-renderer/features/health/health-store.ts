import { create } from 'zustand';
import type { HealthDocument } from '../../../src-shared/health';
import { asIpcError, type IpcError } from '../../ipc-error';
import type { Ipc } from '../../ipc';

export interface HealthState {
  document: HealthDocument | null;
  error: IpcError | null;
  load(): Promise<void>;
  /** Follows fresh evaluations pushed by main; returns the unsubscribe. */
  follow(): () => void;
}

/** The store's logic on the calls (and events) it is given: the app's transport, or a test's fake. */
export function createHealthStore({ invoke, on }: Pick<Ipc, 'invoke' | 'on'>) {
  return create<HealthState>((set) => ({
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
}
