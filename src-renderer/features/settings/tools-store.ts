import { create } from 'zustand';
import type { AccountSummary } from '../../../src-shared/account';
import type { CreateToolInput, ToolSummary } from '../../../src-shared/tools';
import { fieldErrorsOf, type FieldErrors } from '../../field-errors';
import { asIpcError, type IpcError } from '../../ipc-error';
import type { Ipc } from '../../ipc';

export interface ToolsState {
  tools: ToolSummary[] | null;
  accounts: AccountSummary[];
  error: IpcError | null;
  /** The key just created: held only until the creator dismisses it, never stored. */
  shownKey: { key: string; name: string } | null;
  load(): Promise<void>;
  create(
    input: CreateToolInput,
  ): Promise<{ ok: true } | { ok: false; fields: FieldErrors | null; error: IpcError }>;
  revoke(toolId: string): Promise<IpcError | null>;
  dismissKey(): void;
}

/** The store's logic on the calls (and events) it is given: the app's transport, or a test's fake. */
export function createToolsStore({ invoke }: Pick<Ipc, 'invoke'>) {
  return create<ToolsState>((set) => ({
    tools: null,
    accounts: [],
    error: null,
    shownKey: null,
    load: async () => {
      try {
        const [tools, accounts] = await Promise.all([
          invoke('tools.list', {}),
          invoke('accounts.list', {}),
        ]);
        set({ tools, accounts, error: null });
      } catch (error) {
        set({ error: asIpcError(error) });
      }
    },
    create: async (input) => {
      try {
        const created = await invoke('tools.create', input);
        set((state) => ({
          tools: [created.tool, ...(state.tools ?? [])],
          shownKey: { key: created.key, name: created.tool.name },
        }));
        return { ok: true };
      } catch (error) {
        const failure = asIpcError(error);
        return { ok: false, fields: fieldErrorsOf(failure), error: failure };
      }
    },
    revoke: async (toolId) => {
      try {
        const revoked = await invoke('tools.revoke', { toolId });
        set((state) => ({
          tools: state.tools?.map((tool) => (tool.id === toolId ? revoked : tool)) ?? null,
        }));
        return null;
      } catch (error) {
        return asIpcError(error);
      }
    },
    dismissKey: () => set({ shownKey: null }),
  }));
}
