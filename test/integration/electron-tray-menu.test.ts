import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TestCore } from '../../src-main/core/app';
import { EVENT_CHANNEL } from '../../src-main/electron/ipc-channels';
import { electronDouble, electronModule } from '../support/electron-double';
import { launchDesktop } from '../support/electron-shell';
import { profile, tokenSet } from '../support/vault-fixtures';

// The tray's summary and menu, notification clicks and the login item, on the electron double.
vi.mock('electron', async () => (await import('../support/electron-double')).electronModule);
vi.mock('electron-store', async () => ({
  default: (await import('../support/electron-double')).ElectronStoreDouble,
}));

const { BrowserWindow } = electronModule;
let desktop: ReturnType<typeof launchDesktop> | null = null;
afterEach(async () => {
  await desktop?.shutdown();
  desktop = null;
});

async function started() {
  desktop = launchDesktop();
  const core = (await desktop.run.started)!;
  await vi.waitFor(() => expect(core.vault.current()).not.toBeNull());
  return { core, tray: electronDouble.state.trays[0]! };
}

/** A healthy, an expiring and a broken account, then an accounts.changed from the core. */
async function seed(core: TestCore) {
  const accounts = core.vault.require().accounts;
  accounts.saveConnection(profile('youtube', 'UC1'), tokenSet('a'));
  const expiring = accounts.saveConnection(profile('x', 'x1'), tokenSet('b'));
  core.vault.require().refresh.change(expiring.id, { status: 'expiring', reason: null });
  const broken = accounts.saveConnection(profile('tiktok', 't1'), tokenSet('c'));
  core.vault.require().refresh.change(broken.id, { status: 'needs_reauth', reason: 'Revoked.' });
  // A rename is a contract call that publishes accounts.changed, as a connect would.
  await core.dispatch('accounts.rename', { accountId: broken.id, label: 'Dance' });
  return broken.id;
}

const labels = (tray: { menu: { items: { label?: string }[] } | null }) =>
  tray.menu!.items.map((item) => item.label ?? '—');
/** What the renderer was told on the event channel, by event name. */
const told = (event: string) =>
  BrowserWindow.getAllWindows().flatMap((window) =>
    window.webContents.sent.filter((args) => args[0] === EVENT_CHANNEL && args[1] === event),
  );

describe('the tray follows the accounts', () => {
  it('says the summary in its tooltip and menu, and lists the accounts needing action', async () => {
    const { core, tray } = await started();
    await seed(core);
    expect(tray.tooltip).toBe('Switchboard — 1 healthy · 1 expiring · 1 needs you');
    expect(tray.menu!.items[0]).toMatchObject({
      label: '1 healthy · 1 expiring · 1 needs you',
      enabled: false,
    });
    expect(labels(tray)).toEqual([
      '1 healthy · 1 expiring · 1 needs you',
      'Fix TikTok · Dance',
      '—',
      'Open Switchboard',
      'Check all now',
      '—',
      'Quit Switchboard',
    ]);
  });

  it('opens the window on the account from its menu item, even after the window was closed', async () => {
    const { core, tray } = await started();
    const id = await seed(core);
    BrowserWindow.getAllWindows()[0]!.close();
    tray.simulateMenuClick('Fix TikTok · Dance');
    const window = BrowserWindow.getAllWindows()[0]!;
    await vi.waitFor(() => expect(window.isVisible()).toBe(true));
    await vi.waitFor(() => expect(told('app.openAccount')).toHaveLength(1));
    expect(told('app.openAccount')[0]![2]).toEqual({ accountId: id });
    // Sent once the new page can hear it, not into a page still loading.
    expect(window.webContents.sentBeforeLoad).toEqual([]);
  });

  it('Check all now runs the accounts.check call for every account', async () => {
    const { core, tray } = await started();
    await seed(core);
    const dispatch = vi.spyOn(core, 'dispatch');
    tray.simulateMenuClick('Check all now');
    expect(dispatch).toHaveBeenCalledWith('accounts.check', {});
  });
});

describe('account notifications', () => {
  it('clicking one opens the window on that account', async () => {
    const { core } = await started();
    const id = await seed(core);
    // No anti-flap hold, so the transition alerts at once, as a held one would later.
    await core.dispatch('settings.update', { alertHoldSeconds: 0 });
    const host = electronDouble.state;
    const before = host.notifications.length;
    core.transitions.publish({
      accountId: id,
      platform: 'tiktok',
      label: 'Dance',
      from: 'healthy',
      to: 'account_problem',
      reason: 'The account is suspended.',
      at: Date.now(),
    });
    await vi.waitFor(() => expect(host.notifications.length).toBeGreaterThan(before));
    electronDouble.simulateNotificationClick('Dance');
    await vi.waitFor(() => expect(told('app.openAccount')).toHaveLength(1));
    expect(told('app.openAccount')[0]![2]).toEqual({ accountId: id });
  });
});

describe('launch at login', () => {
  it('follows the setting: off by default, on and off again with the setting', async () => {
    const { core } = await started();
    expect(electronDouble.state.openAtLogin).toBe(false);
    await core.dispatch('settings.update', { launchAtLogin: true });
    expect(electronDouble.state.openAtLogin).toBe(true);
    await core.dispatch('settings.update', { launchAtLogin: false });
    expect(electronDouble.state.openAtLogin).toBe(false);
  });
});
