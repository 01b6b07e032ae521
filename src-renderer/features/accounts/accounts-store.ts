import { create } from 'zustand';
import type { AccountSummary } from '../../../src-shared/account';
import type { VaultStatus } from '../../../src-shared/ipc-contract';
import { asIpcError, invoke, type IpcError, on } from '../../ipc';

interface AccountsState {
  vault: VaultStatus | null;
  accounts: AccountSummary[];
  error: IpcError | null;
  unlocking: boolean;
  load(): Promise<void>;
  unlock(passphrase: string): Promise<void>;
  /** Follows vault and account changes pushed by main; returns the unsubscribe. */
  follow(): () => void;
}

export const useAccounts = create<AccountsState>((set) => ({
  vault: null,
  accounts: [],
  error: null,
  unlocking: false,
  load: async () => {
    try {
      const vault = await invoke('vault.status', {});
      const accounts = vault.state === 'open' ? await invoke('accounts.list', {}) : [];
      set({ vault, accounts, error: null });
    } catch (error) {
      set({ error: asIpcError(error) });
    }
  },
  unlock: async (passphrase) => {
    set({ unlocking: true });
    try {
      const vault = await invoke('vault.unlock', { passphrase });
      set({ vault, accounts: await invoke('accounts.list', {}), error: null, unlocking: false });
    } catch (error) {
      set({ error: asIpcError(error), unlocking: false });
    }
  },
  follow: () => {
    const stopVault = on('vault.changed', (vault) => set({ vault }));
    const stopAccounts = on('accounts.changed', (accounts) => set({ accounts }));
    return () => {
      stopVault();
      stopAccounts();
    };
  },
}));
