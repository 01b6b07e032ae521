import { create } from 'zustand';
import { AccountLabelSchema, type AccountSummary } from '../../../src-shared/account';
import type { DisconnectResult } from '../../../src-shared/connect';
import type { VaultStatus } from '../../../src-shared/ipc-contract';
import { fieldErrorsOf } from '../../field-errors';
import { asIpcError, type IpcError } from '../../ipc-error';
import type { Ipc } from '../../ipc';
import { singleFlight } from '../../single-flight';
import { advancePageClock } from '../../use-now';

/** What the last disconnect did at the platform, shown until dismissed. */
export interface DisconnectOutcome {
  name: string;
  result: DisconnectResult;
}

export interface AccountsState {
  vault: VaultStatus | null;
  accounts: AccountSummary[];
  error: IpcError | null;
  unlocking: boolean;
  outcome: DisconnectOutcome | null;
  load(): Promise<void>;
  unlock(passphrase: string): Promise<void>;
  /** Saves a label (null: back to the platform's name); resolves with a sentence when refused. */
  rename(accountId: string, label: string | null): Promise<string | null>;
  /** Revokes and removes; resolves with the refusal when nothing happened. */
  disconnect(account: AccountSummary): Promise<IpcError | null>;
  dismissOutcome(): void;
  /** Shows an account a finished sign-in answered before `accounts.changed` arrives. */
  upsert(account: AccountSummary): void;
  /** Follows vault and account changes pushed by main; returns the unsubscribe. */
  follow(): () => void;
}

/** The name a creator knows an account by. */
export function accountName(account: AccountSummary): string {
  return account.label ?? account.displayName;
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * The new list with each unchanged account's previous object, or the previous list itself when
 * nothing changed: memoised rows then re-render only for accounts that did change (a list event
 * or a reload repeats the whole list, 1,000 accounts re-rendering for one new status).
 */
export function keepUnchanged(
  previous: AccountSummary[],
  next: AccountSummary[],
): AccountSummary[] {
  const byId = new Map(previous.map((account) => [account.id, account]));
  let unchanged = previous.length === next.length;
  const kept = next.map((account, index) => {
    const old = byId.get(account.id);
    const reuse = old !== undefined && same(old, account);
    if (!reuse || previous[index] !== old) unchanged = false;
    return reuse ? old : account;
  });
  return unchanged ? previous : kept;
}

/** The store's logic on the calls (and events) it is given: the app's transport, or a test's fake. */
export function createAccountsStore({ invoke, on }: Pick<Ipc, 'invoke' | 'on'>) {
  return create<AccountsState>((set, get) => {
    /** Stores a vault status and list, leaving the state untouched when neither changed. */
    const show = (vault: VaultStatus, accounts: AccountSummary[]) => {
      const state = get();
      const next = {
        vault: same(state.vault, vault) ? state.vault : vault,
        accounts: keepUnchanged(state.accounts, accounts),
        error: null,
      };
      if (next.accounts !== state.accounts) advancePageClock();
      if (next.vault !== state.vault || next.accounts !== state.accounts || state.error !== null)
        set(next);
    };
    return {
      vault: null,
      accounts: [],
      error: null,
      unlocking: false,
      outcome: null,
      // The shell and the first screen both ask at start-up: one round of calls serves both.
      load: singleFlight(async () => {
        try {
          const vault = await invoke('vault.status', {});
          show(vault, vault.state === 'open' ? await invoke('accounts.list', {}) : []);
        } catch (error) {
          set({ error: asIpcError(error) });
        }
      }),
      unlock: async (passphrase) => {
        set({ unlocking: true });
        try {
          const vault = await invoke('vault.unlock', { passphrase });
          show(vault, await invoke('accounts.list', {}));
          set({ unlocking: false });
        } catch (error) {
          const failure = asIpcError(error);
          set({ error: failure.code === 'vault_already_open' ? null : failure, unlocking: false });
          // Another window (or a double click) unlocked it first: show the open vault, no error.
          if (failure.code === 'vault_already_open') await get().load();
        }
      },
      rename: async (accountId, label) => {
        if (label !== null) {
          // The contract's own rule, checked here first so the answer is instant.
          const checked = AccountLabelSchema.safeParse(label);
          if (!checked.success)
            return checked.error.issues[0]?.message ?? 'That label is not valid.';
        }
        try {
          const renamed = await invoke('accounts.rename', { accountId, label });
          set((state) => ({
            accounts: state.accounts.map((account) =>
              account.id === renamed.id ? renamed : account,
            ),
          }));
          return null;
        } catch (error) {
          const failure = asIpcError(error);
          const fields = fieldErrorsOf(failure);
          return fields?.label ?? failure.message;
        }
      },
      disconnect: async (account) => {
        try {
          const result = await invoke('accounts.disconnect', { accountId: account.id });
          set((state) => ({
            accounts: state.accounts.filter((item) => item.id !== result.accountId),
            outcome: { name: accountName(account), result },
          }));
          return null;
        } catch (error) {
          return asIpcError(error);
        }
      },
      dismissOutcome: () => set({ outcome: null }),
      upsert: (account) =>
        set((state) => ({
          accounts: state.accounts.some((item) => item.id === account.id)
            ? state.accounts.map((item) => (item.id === account.id ? account : item))
            : [...state.accounts, account],
        })),
      follow: () => {
        const stopVault = on('vault.changed', (vault) => set({ vault }));
        const stopAccounts = on('accounts.changed', (accounts) => {
          const kept = keepUnchanged(get().accounts, accounts);
          if (kept === get().accounts) return;
          advancePageClock();
          set({ accounts: kept });
        });
        return () => {
          stopVault();
          stopAccounts();
        };
      },
    };
  });
}
