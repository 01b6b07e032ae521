import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';

/** Flags that keep Chromium quiet on a machine with no network beyond loopback. */
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

/** SWITCHBOARD_CHROMIUM, else Debian's /usr/bin/chromium, else Playwright's own browser. */
export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  fallbacks: (string | undefined)[] = ['/usr/bin/chromium', safePlaywrightPath()],
): string {
  const candidates = [env.SWITCHBOARD_CHROMIUM, ...fallbacks];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) {
    throw new Error(
      'No Chromium found for the e2e tests: install one with `sudo apt-get install chromium` (or `npx playwright install chromium`), or set SWITCHBOARD_CHROMIUM to its path.',
    );
  }
  return found;
}

function safePlaywrightPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Where the e2e run's shared browser listens (set by chromium-server.ts for the run's workers). */
export const SHARED_CHROMIUM_ENV = 'SWITCHBOARD_E2E_CHROMIUM_WS';

/** Launch options for Debian's Chromium: quiet flags, caches in a scratch folder. */
function launchOptions() {
  // Chromium writes its caches under XDG folders: keep them out of the home folder.
  const scratch = mkdtempSync(join(tmpdir(), 'switchboard-chromium-'));
  return {
    executablePath: findChromium(),
    args: QUIET_FLAGS,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(scratch, 'config'),
      XDG_CACHE_HOME: join(scratch, 'cache'),
    },
  };
}

/** Starts the one browser an e2e run shares (vitest globalSetup: see chromium-server.ts). */
export function launchChromiumServer(): Promise<BrowserServer> {
  // Loopback only; Playwright puts a random path in the endpoint, so only this run knows it.
  return chromium.launchServer({ ...launchOptions(), host: '127.0.0.1' });
}

/**
 * A browser for one test file: a connection to the run's shared Chromium when there is one
 * (each file still works in its own contexts, and `close()` drops only what it opened), else a
 * Chromium of its own. Launching one per file cost ~0.5 s of two cores' time each.
 */
export async function launchChromium(): Promise<Browser> {
  const shared = process.env[SHARED_CHROMIUM_ENV];
  if (shared) return chromium.connect(shared);
  return chromium.launch(launchOptions());
}
