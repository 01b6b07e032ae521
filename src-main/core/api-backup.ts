import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src-shared/errors';
import type { Handlers } from './dispatch';
import type { EventBus } from './event-bus';
import type { VaultGate } from './vault/vault-gate';
import { exportBackup, importBackup } from './vault/backup';

/** Backups live in one folder of the data folder; the page names a file there, never a path. */
const FOLDER = 'backups';
const NAME = /^switchboard-[0-9TZ-]+\.sbbackup$/;

/** vault.exportBackup, vault.backups and vault.importBackup. */
export function createBackupHandlers(services: {
  dataDir: string;
  vault: VaultGate;
  events: EventBus;
}): Pick<Handlers, 'vault.exportBackup' | 'vault.backups' | 'vault.importBackup'> {
  const folder = join(services.dataDir, FOLDER);
  return {
    'vault.exportBackup': async ({ passphrase }) => {
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      const name = `switchboard-${new Date().toISOString().replace(/[:.]/g, '-')}.sbbackup`;
      const result = await exportBackup(services.vault.require(), passphrase, join(folder, name));
      return { name, folder, ...result };
    },
    'vault.backups': () => {
      let names: string[] = [];
      try {
        names = readdirSync(folder).filter((name) => NAME.test(name));
      } catch {
        // No backup made yet.
      }
      return names
        .map((name) => ({ name, createdAt: statSync(join(folder, name)).mtime.toISOString() }))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    'vault.importBackup': async ({ name, passphrase }) => {
      if (!NAME.test(name)) throw new AppError('not_found', 'No backup by that name.');
      const vault = services.vault.require();
      const result = await importBackup(vault, passphrase, join(folder, name));
      services.events.emit('accounts.changed', vault.accounts.list());
      return result;
    },
  };
}
