import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, chromium, type Browser, type ElectronApplication } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src-shared/ipc-contract';
import {
  authorizeLink,
  connectOneAccount,
  expectAppShown,
  readAbout,
  unlockIfAsked,
} from '../e2e/smoke-steps';
import { demoCredentialsEnv, startFakePlatforms } from '../../src-main/demo/fake-platforms';
import { tempDir } from '../support/test-host';

// Launches the real Electron app (built, natives rebuilt for Electron's ABI) against the fake
// platforms through the origin table, on a hosted runner; xvfb-run gives it a display on Linux.
const projectDir = fileURLToPath(new URL('../..', import.meta.url));
// Under Node, `require('electron')` is the path of the downloaded Electron binary.
const electronPath = createRequire(import.meta.url)('electron') as string;

describe('the packaged shell, for real', () => {
  let fakes: Awaited<ReturnType<typeof startFakePlatforms>>;
  let app: ElectronApplication;
  let browser: Browser;
  let dataDir: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    dataDir = tempDir();
    fakes = await startFakePlatforms();
    const origins = join(dataDir.path, 'origins.json');
    writeFileSync(origins, JSON.stringify(fakes.origins));
    app = await _electron.launch({
      executablePath: electronPath,
      args: [
        projectDir,
        '--data-dir',
        join(dataDir.path, 'data'),
        '--platform-origins',
        origins,
        '--port',
        '0',
      ],
      env: {
        ...(Object.fromEntries(
          Object.entries(process.env).filter(([, value]) => value !== undefined),
        ) as Record<string, string>),
        ...demoCredentialsEnv(),
      },
    });
    // The system browser stand-in: Playwright's own Chromium opens the authorize URL.
    browser = await chromium.launch();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close().catch(() => {});
    await fakes?.close();
    dataDir?.remove();
  });

  it('opens the window and answers app.info over the real IPC', async () => {
    const page = await app.firstWindow();
    await expectAppShown(page);
    expect(page.url()).toBe('app://switchboard/index.html');
    const info = (await page.evaluate(() =>
      (
        window as unknown as { switchboard: { invoke(c: string, i: unknown): Promise<unknown> } }
      ).switchboard.invoke('app.info', {}),
    )) as Result<{ mode: string; productName: string }>;
    expect(info).toMatchObject({
      ok: true,
      value: { mode: 'desktop', productName: 'Switchboard' },
    });
    expect(await readAbout(page)).toEqual({ product: 'Switchboard', mode: 'Desktop app' });
    // No Node in the page: the sandbox and context isolation hold in the real thing.
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );
  });

  it('connects one demo account against the fakes', async () => {
    const page = await app.firstWindow();
    await unlockIfAsked(page, 'smoke test passphrase, never a real one');
    const name = await connectOneAccount(page, async (window, click) => {
      await click();
      const tab = await browser.newPage();
      await tab.goto(await authorizeLink(window));
      return tab;
    });
    expect(name).toBe('Maya Makes');
  });

  it('quits cleanly, closing the core first', async () => {
    const exited = new Promise<number | null>((resolve) =>
      app.process().once('exit', (code) => resolve(code)),
    );
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    expect(await exited).toBe(0);
  });
});
