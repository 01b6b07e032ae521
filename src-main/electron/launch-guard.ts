import type { Logger } from '../core/logger';
import { createOriginTable, loadOriginTable, type OriginTable } from '../core/net/origin-table';

/**
 * Switches that open a debugger into the process holding the vault key: Chromium's DevTools
 * endpoint (`--remote-debugging-port`/`-pipe`) and Node's inspector (`--inspect*`, which the
 * packaged binary's fuses also disable). Chromium accepts `--x`, `-x` and on Windows `/x`, any
 * case, with or without `=value`.
 */
const DEBUGGING_SWITCH =
  /^(?:--?|\/)(remote-debugging-port|remote-debugging-pipe|inspect|inspect-brk|inspect-port)(?:=|$)/i;

/** The first debugging switch in `argv`, or null. */
export function debuggingSwitch(argv: readonly string[]): string | null {
  for (const arg of argv) {
    const match = DEBUGGING_SWITCH.exec(arg);
    if (match) return `--${match[1]!.toLowerCase()}`;
  }
  return null;
}

/**
 * The platform origin table for the desktop. A packaged build ignores `--platform-origins` and
 * SWITCHBOARD_PLATFORM_ORIGINS (with one log line): the table exists for tests and demos, and in
 * a creator's copy it would send every sign-in code, refresh token and client secret to whatever
 * origin a shortcut or an environment variable names. Development builds keep honouring it.
 */
export function desktopOriginTable(options: {
  isPackaged: boolean;
  file: string | undefined;
  env: NodeJS.ProcessEnv;
  log: Logger;
}): OriginTable {
  if (!options.isPackaged) return loadOriginTable(options.file, options.env);
  if (options.file !== undefined || options.env.SWITCHBOARD_PLATFORM_ORIGINS) {
    options.log.warn(
      'platform origin table ignored: a packaged Switchboard talks only to the real platforms (--platform-origins and SWITCHBOARD_PLATFORM_ORIGINS are for development builds)',
    );
  }
  return createOriginTable();
}
