import { chmodSync, mkdirSync, statSync } from 'node:fs';
import type { Logger } from './logger';

/** The data folder holds the vault and settings: only its owner may list or enter it. */
export const DATA_DIR_MODE = 0o700;
/** Every file Switchboard writes into the data folder. */
export const PRIVATE_FILE_MODE = 0o600;

/**
 * What to do when the data folder already exists and others can read it:
 * `tighten` (the default folder: ours by name, and earlier builds let conf create it 0755),
 * `warn` (a folder the user named may be shared on purpose; our files in it stay 0600 anyway),
 * `keep` (say nothing: the shell already applied its policy before the core started).
 */
export type OpenFolderPolicy = 'tighten' | 'warn' | 'keep';

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/**
 * Creates the data folder owner-only, first thing: conf, Electron and SQLite would otherwise
 * create it with the umask's 0755 (or 0777 under umask 000) before the core got to it.
 */
export function ensureDataDir(
  dir: string,
  options: {
    log: Logger;
    existing: OpenFolderPolicy;
    platform?: NodeJS.Platform;
    /** Injected by tests: a folder owned by someone else cannot be chmod-ed (EPERM). */
    chmod?: (path: string, mode: number) => void;
  },
): void {
  const chmod = options.chmod ?? chmodSync;
  const created = mkdirSync(dir, { recursive: true, mode: DATA_DIR_MODE });
  // Windows has no POSIX modes; the per-user profile folder is already private there.
  if ((options.platform ?? process.platform) === 'win32') return;
  if (created !== undefined) {
    // mkdir's mode passes through the umask; set it exactly.
    chmod(dir, DATA_DIR_MODE);
    return;
  }
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o077) === 0 || options.existing === 'keep') return;
  if (options.existing === 'warn') {
    options.log.warn(
      `data folder ${dir} can be read by other users (mode ${octal(mode)}); Switchboard's files in it are private (0600), but run "chmod 700" on it unless it is shared on purpose`,
    );
    return;
  }
  try {
    chmod(dir, DATA_DIR_MODE);
    options.log.warn(
      `data folder ${dir} could be read by other users (mode ${octal(mode)}); made it private (0700)`,
    );
  } catch (error) {
    options.log.warn(
      `data folder ${dir} can be read by other users (mode ${octal(mode)}) and could not be made private: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}
