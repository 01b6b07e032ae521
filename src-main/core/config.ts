import { homedir } from 'node:os';
import { join } from 'node:path';
import { PRODUCT_NAME } from './version-info';

/** What the host decides before the core starts. */
export interface CoreConfig {
  /** Folder holding the vault, settings and logs. */
  dataDir: string;
}

/** The OS's per-user app data folder, as Electron's app.getPath('userData') would choose. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), PRODUCT_NAME);
}
