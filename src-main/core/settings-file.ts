import { chmodSync, existsSync, readFileSync, renameSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '../../src-shared/errors';
import { ensureDataDir, PRIVATE_FILE_MODE } from './data-folder';
import type { SettingsStore } from './host';
import type { Logger } from './logger';

/** The settings file's name without extension (conf's `configName`, electron-store's `name`). */
export const SETTINGS_NAME = 'settings';
export const SETTINGS_FILE = `${SETTINGS_NAME}.json`;

/** What conf and electron-store (built on conf) both are, as far as settings need. */
export interface JsonFileStore {
  store: Record<string, unknown>;
  readonly path: string;
}

/** How the settings file must be opened; each shell maps it onto its library's options. */
export interface JsonFileOptions {
  /** The data folder. */
  cwd: string;
  name: typeof SETTINGS_NAME;
  /** conf's `configFileMode`: every write is owner-only, whatever the umask. */
  mode: number;
}

/**
 * Opens the settings file through conf or electron-store (`open` builds either). conf reads and
 * parses the file in its constructor and throws a bare JSON error there, so everything that could
 * stop start-up is settled before it runs: the folder exists owner-only, an existing file is made
 * 0600, and a file that is not a JSON object is set aside so Switchboard starts with defaults.
 */
export function openSettingsFile(
  dataDir: string,
  open: (options: JsonFileOptions) => JsonFileStore,
  options: { log: Logger; now?: () => number },
): SettingsStore {
  ensureDataDir(dataDir, { log: options.log, existing: 'keep' });
  const path = resolve(dataDir, SETTINGS_FILE);
  setAsideIfDamaged(path, options.log, options.now ?? Date.now);
  const file = open({ cwd: dataDir, name: SETTINGS_NAME, mode: PRIVATE_FILE_MODE });
  // A shell that mapped the name wrongly would read another file and skip the checks above.
  if (file.path !== path) throw new AppError('internal', `settings opened at ${file.path}`);
  return {
    load: () => ({ ...file.store }),
    save: (values) => {
      file.store = values;
    },
  };
}

/** Why a settings file's text is not settings, or null when it is a JSON object. */
export function settingsDamage(text: string): string | null {
  if (text.trim() === '') return 'it is empty';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'it is not valid JSON';
  }
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  return isObject ? null : 'it is not a JSON object';
}

/**
 * Renames an unparsable settings file to `settings.json.damaged-<time>` (kept, not deleted: it
 * may hold the only copy of someone's choices) and says so in the log. A file that cannot be read
 * at all (permissions, a folder in its place) is a stable-coded error naming the file.
 */
export function setAsideIfDamaged(path: string, log: Logger, now: () => number): void {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw unreadable(`could not read ${path}`, error);
  }
  makePrivate(path);
  const damage = settingsDamage(text);
  if (damage === null) return;
  const aside = freeName(`${path}.damaged-${new Date(now()).toISOString().replace(/[:.]/g, '-')}`);
  try {
    renameSync(path, aside);
  } catch (error) {
    throw unreadable(`${path} is damaged (${damage}) and could not be renamed`, error);
  }
  log.warn(
    `settings file ${path} was set aside because ${damage}; kept it as ${aside} and started with default settings`,
  );
}

function freeName(base: string): string {
  let name = base;
  for (let n = 1; existsSync(name); n += 1) name = `${base}-${n}`;
  return name;
}

/** Files written by conf before configFileMode was set are 0644; best effort, never fatal. */
function makePrivate(path: string): void {
  try {
    chmodSync(path, PRIVATE_FILE_MODE);
  } catch {
    // Not ours to change (another owner): conf's own write will say so if it matters.
  }
}

function unreadable(what: string, cause: unknown): AppError {
  const code = (cause as NodeJS.ErrnoException).code ?? 'error';
  return new AppError(
    'settings_unreadable',
    `Switchboard's settings file ${what} (${code}); check the data folder and its permissions.`,
    { cause },
  );
}
