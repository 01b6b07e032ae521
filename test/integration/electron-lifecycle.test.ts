import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNEL } from '../../src-main/electron/ipc-channels';
import { electronDouble, electronModule } from '../support/electron-double';
import { runDesktop } from '../../src-main/electron/desktop-app';
import type { createElectronHost as createElectronHostType } from '../../src-main/electron/electron-host';
import { fakeDist, launchDesktop, untilQuit } from '../support/electron-shell';
import { tempDir } from '../support/test-host';

// The desktop's lifecycle (single instance, tray, quit, IPC), run against the electron double.
vi.mock('electron', async () => (await import('../support/electron-double')).electronModule);
vi.mock('electron-store', async () => ({
  default: (await import('../support/electron-double')).ElectronStoreDouble,
}));

const { app, BrowserWindow } = electronModule;
let desktop: ReturnType<typeof launchDesktop> | null = null;
afterEach(async () => {
  await desktop?.shutdown();
  desktop = null;
});

async function started() {
  desktop = launchDesktop();
  const core = await desktop.run.started;
  const window = BrowserWindow.getAllWindows()[0]!;
  await vi.waitFor(() => expect(window.isVisible()).toBe(true));
  return { core: core!, window, tray: electronDouble.state.trays[0]! };
}

describe('the desktop lifecycle', () => {
  it('starts nothing before ready, then the core, one window and the tray', async () => {
    desktop = launchDesktop({ ready: false });
    // First a sign it ran up to the wait (app:// registered, whenReady awaited), so "nothing"
    // below is about waiting for ready, not a launch that never began.
    await vi.waitFor(() => expect(electronDouble.state.readyWaiters.length).toBeGreaterThan(0));
    expect(electronDouble.state.privileged.map((entry) => entry.scheme)).toContain('app');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(BrowserWindow.getAllWindows()).toHaveLength(0);
    expect(electronDouble.state.trays).toHaveLength(0);
    electronDouble.fireReady();
    expect(await desktop.run.started).not.toBeNull();
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    expect(electronDouble.state.trays).toHaveLength(1);
  });

  it('answers app.info over the IPC bridge for the app page', async () => {
    const { window } = await started();
    const info = await electronDouble.simulateInvoke(window, INVOKE_CHANNEL, 'app.info', {});
    expect(info).toMatchObject({ ok: true, value: { mode: 'desktop' } });
  });

  it('a second launch quits itself and starts nothing', async () => {
    const dir = tempDir('switchboard-shell-');
    electronDouble.reset({ userData: join(dir.path, 'data') });
    electronDouble.state.otherInstance = true;
    const run = runDesktop({ argv: ['electron', 'main.mjs'], distDir: fakeDist(dir.path) });
    electronDouble.fireReady();
    expect(await run.started).toBeNull();
    expect(electronDouble.state.quitted).toBe(true);
    expect(BrowserWindow.getAllWindows()).toHaveLength(0);
    expect(electronDouble.state.trays).toHaveLength(0);
    dir.remove();
  });

  it('the first instance brings its window back when a second one starts', async () => {
    const { window } = await started();
    window.minimize();
    window.hide();
    electronDouble.simulateSecondInstance(['switchboard']);
    expect(window.isMinimized()).toBe(false);
    expect(window.isVisible()).toBe(true);
    expect(BrowserWindow.getFocusedWindow()).toBe(window);
    // A closed window is made again rather than focused.
    window.close();
    expect(app.listenerCount('window-all-closed')).toBeGreaterThan(0);
    expect(electronDouble.state.quitted).toBe(false);
    electronDouble.simulateSecondInstance();
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    expect(BrowserWindow.getAllWindows()[0]).not.toBe(window);
  });

  it('closes the core before Electron quits', async () => {
    const { core } = await started();
    const order: string[] = [];
    const close = core.close;
    core.close = async () => {
      order.push('core closing');
      await new Promise((resolve) => setTimeout(resolve, 30));
      await close();
      order.push('core closed');
    };
    app.on('quit', () => order.push('quit'));
    app.quit();
    expect(electronDouble.state.quitted).toBe(false);
    await untilQuit();
    expect(order).toEqual(['core closing', 'core closed', 'quit']);
    expect(core.vault.current()).toBeNull();
  });

  it("the tray's menu opens the window and quits through the same path", async () => {
    const { window, tray } = await started();
    window.close();
    tray.simulateMenuClick('Open Switchboard');
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
    tray.emit('click');
    tray.simulateMenuClick('Quit Switchboard');
    await untilQuit();
  });
});

describe('the tray', () => {
  const iconName = (path: string) => path.split(/[\\/]/).at(-1);

  it('shows a real icon from resources/ and follows the overall health status', async () => {
    // basic_text is refused, so the vault stays locked: a check that is not passing.
    desktop = launchDesktop({ backend: 'basic_text' });
    const core = (await desktop.run.started)!;
    const tray = electronDouble.state.trays[0]!;
    expect(iconName(tray.image.path)).toBe('tray-ok.png');
    expect(tray.image.isEmpty()).toBe(false);
    const locked = await core.health.detailed();
    expect(locked.status).not.toBe('pass');
    expect(iconName(tray.image.path)).toBe(
      locked.status === 'fail' ? 'tray-error.png' : 'tray-warning.png',
    );
    expect(tray.image.isEmpty()).toBe(false);
    expect(tray.tooltip).toMatch(/^Switchboard — /);
  });

  it('changes icon and tooltip with each status the core reports', async () => {
    desktop = launchDesktop();
    await desktop.run.started;
    const { createElectronHost } = await import('../../src-main/electron/electron-host');
    const tray = electronDouble.state.trays[0]!;
    const { createStatusTray } = await import('../../src-main/electron/tray');
    const own = createStatusTray(join(electronDouble.state.appPath, 'resources'), {
      open: () => {},
      openAccount: () => {},
      checkAll: () => {},
      quit: () => {},
    });
    const host = createElectronHost({
      dataDir: join(desktop.dir.path, 'data'),
      tray: own,
      keyProtector: { kind: 'test', isAvailable: async () => true } as never,
      log: desktop.log,
    });
    const mine = electronDouble.state.trays.at(-1)!;
    expect(mine).not.toBe(tray);
    for (const status of ['error', 'warning', 'ok'] as const) {
      host.setTrayStatus(status, `status ${status}`);
      expect(iconName(mine.image.path)).toBe(`tray-${status}.png`);
      expect(mine.image.isEmpty()).toBe(false);
      expect(mine.tooltip).toBe(`Switchboard — status ${status}`);
    }
  });
});

describe("the Electron host's OS services", () => {
  async function host() {
    desktop = launchDesktop();
    await desktop.run.started;
    const { createElectronHost } = await import('../../src-main/electron/electron-host');
    return createElectronHost({
      dataDir: join(desktop.dir.path, 'data'),
      tray: {
        setStatus: () => {},
        setAccounts: () => {},
        setWarningDays: () => {},
        destroy: () => {},
      },
      keyProtector: { kind: 'test' } as never,
      log: desktop.log,
    }) as ReturnType<typeof createElectronHostType> & {
      onResume(listener: () => void): () => void;
    };
  }

  it('tells the core when the machine wakes, until it unsubscribes', async () => {
    const electronHost = await host();
    let wakes = 0;
    const stop = electronHost.onResume(() => (wakes += 1));
    electronModule.powerMonitor.emit('resume');
    expect(wakes).toBe(1);
    stop();
    electronModule.powerMonitor.emit('resume');
    expect(wakes).toBe(1);
  });

  it('notifies only where the OS supports notifications, and opens URLs in the browser', async () => {
    const electronHost = await host();
    electronHost.notify({ title: 'Switchboard', body: 'shown' });
    electronDouble.state.notificationsSupported = false;
    electronHost.notify({ title: 'Switchboard', body: 'not shown' });
    expect(electronDouble.state.notifications).toEqual([{ title: 'Switchboard', body: 'shown' }]);
    await electronHost.openExternal('https://accounts.google.com/o/oauth2/v2/auth');
    expect(electronDouble.state.opened).toEqual(['https://accounts.google.com/o/oauth2/v2/auth']);
  });
});
