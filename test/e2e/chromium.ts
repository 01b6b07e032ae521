import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

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

export async function launchChromium(): Promise<Browser> {
  // Chromium writes its caches under XDG folders: keep them out of the home folder.
  const scratch = mkdtempSync(join(tmpdir(), 'switchboard-chromium-'));
  return chromium.launch({
    executablePath: findChromium(),
    args: QUIET_FLAGS,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: join(scratch, 'config'),
      XDG_CACHE_HOME: join(scratch, 'cache'),
    },
  });
}
