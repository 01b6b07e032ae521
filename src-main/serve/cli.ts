import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDataDir } from '../core/config';
import { loadOriginTable } from '../core/net/origin-table';
import { VAULT_FILE } from '../core/vault/vault';
import { keyProtectorFromEnvironment } from './key-source';
import { runServe } from './run-serve';

/** Serve mode: the real platforms (or the origin table's stand-ins), your vault passphrase. */
runServe(async (flags) => {
  const dataDir = flags.dataDir ?? defaultDataDir();
  return {
    mode: 'serve',
    dataDir,
    // Only the default folder is ours to tighten; a folder named on the command line is warned about.
    existingDataDir: flags.dataDir === null ? 'tighten' : 'warn',
    keyProtector: await keyProtectorFromEnvironment(process.env, process.stdin, process.stderr, {
      newVault: !existsSync(join(dataDir, VAULT_FILE)),
    }),
    origins: loadOriginTable(flags.platformOrigins),
  };
});
