import type Database from 'better-sqlite3';
import { AppError } from '../../../src-shared/errors';
import type { ChannelHandler } from '../dispatch';
import type { VaultGate } from '../vault/vault-gate';
import { installCommand } from './command-install';
import { createToolKeysRepo, type ToolKeysRepo } from './tool-keys-repo';

/** The tool keys of whichever vault is open now (a later unlock opens a new database). */
export function toolKeysOf(vault: VaultGate, now: () => number): () => ToolKeysRepo {
  const repos = new WeakMap<Database.Database, ToolKeysRepo>();
  return () => {
    const { db } = vault.require();
    let repo = repos.get(db);
    if (!repo) repos.set(db, (repo = createToolKeysRepo(db, now)));
    return repo;
  };
}

/** tools.create / tools.list / tools.revoke: the key crosses IPC once, in create's answer. */
export function createToolHandlers(options: {
  keys: () => ToolKeysRepo;
  vault: VaultGate;
  /** Told after a change, so other windows refresh their list. */
  onChange?: () => void;
  /** The bundled `switchboard` command (Host.commandEntry). */
  commandEntry?: string;
}): {
  'tools.create': ChannelHandler<'tools.create'>;
  'tools.list': ChannelHandler<'tools.list'>;
  'tools.revoke': ChannelHandler<'tools.revoke'>;
  'tools.installCommand': ChannelHandler<'tools.installCommand'>;
} {
  const { keys, vault } = options;
  return {
    'tools.create': (input) => {
      if (input.accounts !== 'all') {
        const known = new Set(
          vault
            .require()
            .accounts.listAll()
            .map((account) => account.id),
        );
        const unknown = input.accounts.filter((id) => !known.has(id));
        if (unknown.length) throw new AppError('account_not_found');
      }
      const created = keys().create(input);
      options.onChange?.();
      return created;
    },
    'tools.list': () => keys().list(),
    'tools.revoke': ({ toolId }) => {
      const revoked = keys().revoke(toolId);
      options.onChange?.();
      return revoked;
    },
    'tools.installCommand': () => installCommand(options.commandEntry),
  };
}
