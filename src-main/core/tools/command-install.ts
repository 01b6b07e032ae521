import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { AppError } from '../../../src-shared/errors';

/** The first line of a launcher Switchboard wrote, so it replaces its own and nobody else's. */
const MARK = 'Installed by Switchboard';

export interface CommandInstalled {
  /** Where the `switchboard` launcher now is. */
  path: string;
  /** Whether that folder is on this process's PATH (a new terminal may be needed otherwise). */
  onPath: boolean;
}

/**
 * Installs the `switchboard` command the way editors offer "install the command in PATH": a
 * small launcher in the user's own bin folder (~/.local/bin; on Windows the per-user
 * WindowsApps folder, which is on PATH by default) that runs the bundled command with Node.js.
 * No administrator rights; never overwrites a file it did not write.
 */
export function installCommand(
  entry: string | undefined,
  where: { platform?: NodeJS.Platform; home?: string; env?: NodeJS.ProcessEnv } = {},
): CommandInstalled {
  if (!entry || !existsSync(entry)) throw new AppError('command_unavailable');
  const platform = where.platform ?? process.platform;
  const env = where.env ?? process.env;
  const home = where.home ?? homedir();
  const windows = platform === 'win32';
  const dir = windows
    ? join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Microsoft', 'WindowsApps')
    : join(home, '.local', 'bin');
  const path = join(dir, windows ? 'switchboard.cmd' : 'switchboard');
  if (existsSync(path) && !readFileSync(path, 'utf8').includes(MARK))
    throw new AppError('command_install_conflict');
  const launcher = windows
    ? `@echo off\r\nrem ${MARK}: runs its command-line tool with Node.js 20 or newer.\r\nnode "${entry}" %*\r\n`
    : `#!/bin/sh\n# ${MARK}: runs its command-line tool with Node.js 20 or newer.\nexec node "${entry}" "$@"\n`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, launcher, { mode: 0o755 });
  if (!windows) chmodSync(path, 0o755);
  const folders = (env.PATH ?? env.Path ?? '').split(windows ? ';' : delimiter);
  return { path, onPath: folders.includes(dir) };
}
