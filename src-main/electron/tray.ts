import { join } from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { AccountSummary } from '../../src-shared/account';
import { attentionMenuItems, summaryLine, type DueWindow } from '../../src-shared/account-summary';
import { PLATFORMS } from '../../src-shared/platforms';
import type { Core } from '../core/app';
import type { TrayStatus } from '../core/host';

export interface StatusTray {
  setStatus(status: TrayStatus, tooltip: string): void;
  /** The accounts as last published (null while the vault is locked): summary and menu follow. */
  setAccounts(accounts: readonly AccountSummary[] | null): void;
  /** The re-auth warning window (Settings), which decides what is due soon. */
  setWarningDays(days: number): void;
  destroy(): void;
}

export interface TrayActions {
  open(): void;
  openAccount(accountId: string): void;
  checkAll(): void;
  quit(): void;
}

/** "YouTube · Studio channel": the same naming as the account's notifications. */
const accountName = (account: AccountSummary) =>
  `${PLATFORMS[account.platform].displayName} · ${account.label ?? account.displayName}`;

/** The context menu: what is going on, what needs the creator, then the app's own actions. */
function buildMenu(
  accounts: readonly AccountSummary[] | null,
  window: DueWindow,
  actions: TrayActions,
) {
  const template: MenuItemConstructorOptions[] = [];
  if (accounts) {
    template.push({ label: summaryLine(accounts, window), enabled: false });
    for (const item of attentionMenuItems(accounts, window, accountName))
      template.push({ label: item.label, click: () => actions.openAccount(item.accountId) });
    template.push({ type: 'separator' });
  }
  template.push(
    { label: 'Open Switchboard', click: actions.open },
    { label: 'Check all now', click: actions.checkAll },
    { type: 'separator' },
    { label: 'Quit Switchboard', click: actions.quit },
  );
  return Menu.buildFromTemplate(template);
}

/** A tray icon whose colour follows the overall status and whose tooltip and menu follow the accounts. */
export function createStatusTray(resourcesDir: string, actions: TrayActions): StatusTray {
  const icon = (status: TrayStatus) =>
    nativeImage.createFromPath(join(resourcesDir, `tray-${status}.png`));
  const tray = new Tray(icon('ok'));
  let healthText: string | null = null;
  let accounts: readonly AccountSummary[] | null = null;
  let warningDays = 7;
  // The accounts' own summary says more than the overall status; the status speaks while locked.
  const refresh = () => {
    const window = { now: Date.now(), warningDays };
    const text = accounts ? summaryLine(accounts, window) : healthText;
    tray.setToolTip(text ? `Switchboard — ${text}` : 'Switchboard');
    tray.setContextMenu(buildMenu(accounts, window, actions));
  };
  refresh();
  tray.on('click', actions.open);
  return {
    setStatus(status, tooltip) {
      tray.setImage(icon(status));
      healthText = tooltip;
      refresh();
    },
    setAccounts(next) {
      accounts = next;
      refresh();
    },
    setWarningDays(days) {
      warningDays = days;
      refresh();
    },
    destroy: () => tray.destroy(),
  };
}

/**
 * Feeds the tray every published account list (and the current one at start, when the vault is
 * already open); a locked vault shows no accounts. Returns the unsubscribe.
 */
export function followAccountsInTray(
  core: Pick<Core, 'dispatch' | 'subscribe'>,
  tray: Pick<StatusTray, 'setAccounts' | 'setWarningDays'>,
): () => void {
  const unsubscribe = core.subscribe(({ event, payload }) => {
    if (event === 'accounts.changed') tray.setAccounts(payload as AccountSummary[]);
    if (event === 'settings.changed')
      tray.setWarningDays((payload as { reauthWarningDays: number }).reauthWarningDays);
    if (event === 'vault.changed' && (payload as { state?: string }).state !== 'open')
      tray.setAccounts(null);
  });
  void core.dispatch('settings.get', {}).then((result) => {
    if (result.ok)
      tray.setWarningDays((result.value as { reauthWarningDays: number }).reauthWarningDays);
  });
  void core.dispatch('accounts.list', {}).then((result) => {
    if (result.ok) tray.setAccounts(result.value as AccountSummary[]);
  });
  return unsubscribe;
}
