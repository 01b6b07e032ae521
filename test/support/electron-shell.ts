import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { electronDouble, electronModule } from './electron-double';
import { createTestCore } from '../../src-main/core/app';
import { runDesktop } from '../../src-main/electron/desktop-app';
import { capturingLogger, tempDir } from './test-host';
import { fileURLToPath } from 'node:url';

// Test files must mock both modules themselves (vi.mock is hoisted per file):
//   vi.mock('electron', async () => (await import('./electron-double')).electronModule);
//   vi.mock('electron-store', async () => ({
//     default: (await import('./electron-double')).ElectronStoreDouble,
//   }));

/** A built-renderer stand-in and a secret beside it that app:// must never serve. */
export function fakeDist(root: string): string {
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dist, 'renderer', 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(join(dist, 'renderer', 'assets', 'app.js'), 'console.log("app")');
  writeFileSync(join(root, 'secret.txt'), 'SECRET-OUTSIDE-RENDERER');
  return dist;
}

/**
 * Runs the real desktop wiring against a fresh electron double (`ready: false`: the caller fires
 * ready). `packaged` runs it as a packaged build, whose argv has no script path; `args` are the
 * switches it is launched with; `env` replaces process.env.
 */
export function launchDesktop(
  options: {
    ready?: boolean;
    backend?: string;
    packaged?: boolean;
    args?: string[];
    env?: NodeJS.ProcessEnv;
  } = {},
) {
  const dir = tempDir('switchboard-shell-');
  electronDouble.reset({ userData: join(dir.path, 'data') });
  electronDouble.state.appPath = fileURLToPath(new URL('../..', import.meta.url));
  if (options.backend) electronDouble.state.backend = options.backend as never;
  electronDouble.state.isPackaged = options.packaged ?? false;
  const log = capturingLogger();
  const distDir = fakeDist(dir.path);
  const argv = [
    ...(options.packaged ? ['switchboard'] : ['electron', 'main.mjs']),
    '--port',
    '0',
    ...(options.args ?? []),
  ];
  const run = runDesktop({
    argv,
    distDir,
    log,
    env: options.env ?? {},
    createCore: createTestCore,
  });
  if (options.ready !== false) electronDouble.fireReady();
  return {
    dir,
    log,
    run,
    /** Quits through Electron's own path (before-quit closes the core) and removes the folder. */
    async shutdown() {
      await run.started;
      if (!electronDouble.state.quitted) electronModule.app.quit();
      await untilQuit();
      // A page still loading reads the folder: removed under it, its load fails after the test.
      await Promise.allSettled(
        electronDouble.state.windows.map((w) => w.webContents.loading ?? Promise.resolve()),
      );
      dir.remove();
    },
  };
}

/** before-quit defers the quit until the core has closed; wait for it like Electron would. */
export async function untilQuit(timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!electronDouble.state.quitted) {
    if (Date.now() > deadline) throw new Error('the app never quit');
    await sleep(5);
  }
}
