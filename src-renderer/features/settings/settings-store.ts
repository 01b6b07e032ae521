import { create } from 'zustand';
import type { Settings, SettingsPatch } from '../../../src-shared/settings';
import { asIpcError, type IpcError } from '../../ipc-error';
import type { Ipc } from '../../ipc';
import { singleFlight } from '../../single-flight';

export interface SettingsState {
  settings: Settings | null;
  error: IpcError | null;
  saving: boolean;
  load(): Promise<void>;
  /** Saves a patch in one call; resolves with the refusal, or null when saved. */
  update(patch: SettingsPatch): Promise<IpcError | null>;
  /** Sets (or with null, removes) the bearer token /health/detailed and /metrics require. */
  setMetricsToken(token: string | null): Promise<IpcError | null>;
  /** Follows changes made elsewhere (another window, another tab); returns the unsubscribe. */
  follow(): () => void;
}

/** The store's logic on the calls (and events) it is given: the app's transport, or a test's fake. */
export function createSettingsStore({ invoke, on }: Pick<Ipc, 'invoke' | 'on'>) {
  return create<SettingsState>((set) => ({
    settings: null,
    error: null,
    saving: false,
    // The shell and Overview both ask at start-up: one call serves both.
    load: singleFlight(async () => {
      try {
        set({ settings: await invoke('settings.get', {}), error: null });
      } catch (error) {
        set({ error: asIpcError(error) });
      }
    }),
    update: async (patch) => {
      set({ saving: true });
      try {
        set({ settings: await invoke('settings.update', patch), error: null, saving: false });
        return null;
      } catch (error) {
        set({ saving: false });
        return asIpcError(error);
      }
    },
    setMetricsToken: async (token) => {
      set({ saving: true });
      try {
        set({ settings: await invoke('metrics.setToken', { token }), error: null, saving: false });
        return null;
      } catch (error) {
        set({ saving: false });
        return asIpcError(error);
      }
    },
    follow: () => on('settings.changed', (settings) => set({ settings })),
  }));
}
