import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  askToInstallUpdate,
  startUpdates,
  UPDATE_FEED_FILE,
  type UpdaterLike,
} from '../../src-main/electron/updates';
import { electronDouble } from '../support/electron-double';
import { capturingLogger, tempDir } from '../support/test-host';

vi.mock('electron', async () => (await import('../support/electron-double')).electronModule);

/** electron-updater's autoUpdater at the boundary the shell uses: it records what it was told. */
function fakeUpdater() {
  const listeners = new Map<string, (arg: never) => void>();
  const updater = {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    checks: 0,
    installs: 0,
    on: (event: string, listener: (arg: never) => void) => listeners.set(event, listener),
    checkForUpdates: async () => void (updater.checks += 1),
    quitAndInstall: () => void (updater.installs += 1),
    downloaded: (version: string) =>
      (listeners.get('update-downloaded') as (info: { version: string }) => void)({ version }),
  };
  return updater;
}

let resources: ReturnType<typeof tempDir>;
beforeEach(() => {
  resources = tempDir();
  electronDouble.reset();
  electronDouble.fireReady();
});
afterEach(() => resources.remove());

async function start(options: { packaged?: boolean; feed?: boolean; answer?: boolean } = {}) {
  if (options.feed !== false)
    writeFileSync(join(resources.path, UPDATE_FEED_FILE), 'provider: generic\nurl: https://x\n');
  const updater = fakeUpdater();
  const asked: string[] = [];
  let loaded = 0;
  const on = await startUpdates({
    isPackaged: options.packaged ?? true,
    resourcesPath: resources.path,
    loadUpdater: async () => {
      loaded += 1;
      return updater as unknown as UpdaterLike;
    },
    askToInstall: async (version) => {
      asked.push(version);
      return options.answer ?? false;
    },
    log: capturingLogger(),
  });
  return { on, updater, asked, loaded: () => loaded };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('updates', () => {
  it('are off when the build names no feed, or in development; the updater is never loaded', async () => {
    for (const options of [{ feed: false }, { packaged: false }]) {
      const { on, loaded } = await start(options);
      expect(on).toBe(false);
      expect(loaded()).toBe(0);
    }
  });

  it('check the feed, download in the background, and never install on their own', async () => {
    const { on, updater } = await start();
    expect(on).toBe(true);
    expect(updater.checks).toBe(1);
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('ask the creator first, and install only on yes', async () => {
    const later = await start({ answer: false });
    later.updater.downloaded('0.2.0');
    await settle();
    expect(later.asked).toEqual(['0.2.0']);
    expect(later.updater.installs).toBe(0);
    const now = await start({ answer: true });
    now.updater.downloaded('0.2.0');
    await settle();
    expect(now.updater.installs).toBe(1);
  });

  it('ask in a native dialog whose default-on-escape is Later', async () => {
    electronDouble.state.messageBoxResponse = 1;
    expect(await askToInstallUpdate('0.2.0')).toBe(false);
    electronDouble.state.messageBoxResponse = 0;
    expect(await askToInstallUpdate('0.2.0')).toBe(true);
    expect(electronDouble.state.messageBoxes[0]).toMatchObject({
      buttons: ['Restart and update', 'Later'],
      cancelId: 1,
      message: expect.stringContaining('0.2.0'),
    });
  });
});
