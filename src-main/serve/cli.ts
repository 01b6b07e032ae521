import { defaultDataDir } from '../core/config';
import { loadOriginTable } from '../core/platforms/origin-table';
import { keyProtectorFromEnvironment } from './key-source';
import { runServe } from './run-serve';

/** Serve mode: the real platforms (or the origin table's stand-ins), your vault passphrase. */
runServe(async (flags) => ({
  mode: 'serve',
  dataDir: flags.dataDir ?? defaultDataDir(),
  // Only the default folder is ours to tighten; a folder named on the command line is warned about.
  existingDataDir: flags.dataDir === null ? 'tighten' : 'warn',
  keyProtector: await keyProtectorFromEnvironment(),
  origins: loadOriginTable(flags.platformOrigins),
}));
