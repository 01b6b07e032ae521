import { homedir } from 'node:os';
import { join } from 'node:path';
import type { OriginTable } from './net/origin-table';
import type { BuildCredentials } from './platforms/build-credentials';
import { PRODUCT_NAME } from './version-info';

/** What the host decides before the core starts. */
export interface CoreConfig {
  /** Folder holding the vault, settings and logs. */
  dataDir: string;
  /** Overrides the Settings port of the health/metrics server (--metrics-port); 0 = any free port. */
  metricsPort?: number;
  /** How long one platform reachability probe may take. */
  reachabilityTimeoutMs?: number;
  /** Where platform traffic goes (PLATFORMS.md's origin table); the real platforms by default. */
  origins?: OriginTable;
  /** Where `SWITCHBOARD_<P>_CLIENT_ID` / `_CLIENT_SECRET` are read from (process.env by default). */
  env?: NodeJS.ProcessEnv;
  /** What a publisher built in (the build's own by default); demo mode and tests name a relay here. */
  buildCredentials?: BuildCredentials;
  /** How long a sign-in waits for the browser (5 minutes by default). */
  connectTimeoutMs?: number;
  /** How long a platform may take to start answering a call through the tool proxy (60 s by default). */
  proxyTimeoutMs?: number;
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
