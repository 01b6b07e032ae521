import { create } from 'zustand';
import type { ProviderStatus } from '../../../src-shared/connect';
import type { ProviderId } from '../../../src-shared/platforms';
import type { SettingsPatch } from '../../../src-shared/settings';
import { fieldErrorsOf, type FieldErrors } from '../../field-errors';
import { asIpcError, invoke, type IpcError } from '../../ipc';
import { useSettings } from './use-settings';

/** What a save answered: nothing (saved), errors by field path, or one error for the form. */
export type SaveResult = { ok: true } | { ok: false; fields: FieldErrors | null; error: IpcError };

interface PlatformsState {
  providers: ProviderStatus[] | null;
  error: IpcError | null;
  load(): Promise<void>;
  /** `clientSecret`: a new secret; null removes it; undefined keeps the stored one. */
  setCredentials(
    provider: ProviderId,
    clientId: string,
    clientSecret?: string | null,
  ): Promise<SaveResult>;
  clearCredentials(provider: ProviderId): Promise<SaveResult>;
  /** Ports and the Graph version live in Settings; the redirect URIs shown depend on them. */
  updateSettings(patch: SettingsPatch): Promise<SaveResult>;
}

function failed(error: unknown): SaveResult {
  const failure = asIpcError(error);
  return { ok: false, fields: fieldErrorsOf(failure), error: failure };
}

export const usePlatforms = create<PlatformsState>((set, get) => {
  const replace = (status: ProviderStatus) =>
    set((state) => ({
      providers: state.providers?.map((item) => (item.id === status.id ? status : item)) ?? [
        status,
      ],
    }));
  return {
    providers: null,
    error: null,
    load: async () => {
      try {
        set({ providers: await invoke('platforms.list', {}), error: null });
      } catch (error) {
        set({ error: asIpcError(error) });
      }
    },
    setCredentials: async (provider, clientId, clientSecret) => {
      try {
        replace(
          await invoke('platforms.setCredentials', {
            provider,
            clientId,
            ...(clientSecret === undefined ? {} : { clientSecret }),
          }),
        );
        return { ok: true };
      } catch (error) {
        return failed(error);
      }
    },
    clearCredentials: async (provider) => {
      try {
        replace(await invoke('platforms.clearCredentials', { provider }));
        return { ok: true };
      } catch (error) {
        return failed(error);
      }
    },
    updateSettings: async (patch) => {
      try {
        useSettings.setState({ settings: await invoke('settings.update', patch), error: null });
        await get().load();
        return { ok: true };
      } catch (error) {
        return failed(error);
      }
    },
  };
});
