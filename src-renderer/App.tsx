import { Suspense, useEffect, type ComponentType } from 'react';
import { AlertNotices } from './features/alerts/AlertNotices';
import { AttentionBanner } from './features/alerts/AttentionBanner';
import { useBrowserNotifications } from './features/alerts/browser-notifications';
import { useAttention, windowTitle } from './features/alerts/use-attention';
import { useSettings } from './features/settings/use-settings';
import { useAbout } from './features/about/use-about';
import { accountName } from './features/accounts/accounts-store';
import { useAccounts } from './features/accounts/use-accounts';
import { AccountsView } from './features/accounts/AccountsView';
import { VaultBanner } from './features/vault/VaultBanner';
import { ConnectionBanner } from './features/connection/ConnectionBanner';
import { useConnection } from './features/connection/connection-store';
import { OverviewView } from './features/overview/OverviewView';
import { on } from './ipc';
import { AboutPanel, HealthView, SettingsView, warmScreens } from './lazy-screens';
import {
  followOpenAccountRequests,
  screenToShow,
  useNavigation,
  VIEW_TITLES,
  VIEWS,
  type View,
} from './navigation-store';

const SCREENS: Record<View, ComponentType> = {
  overview: OverviewView,
  accounts: AccountsView,
  health: HealthView,
  settings: SettingsView,
  about: AboutPanel,
};

export function App() {
  const navigation = useNavigation();
  const { show, accountId, pickFirst } = navigation;
  const { info, load } = useAbout();
  const epoch = useConnection((state) => state.epoch);
  const { load: loadVault, follow: followVault, vault, accounts } = useAccounts();
  const opened = vault?.state === 'open';
  const view = screenToShow(navigation, opened, accounts.length > 0);
  const Screen = SCREENS[view];
  const detail = accountId ? accounts.find((account) => account.id === accountId) : undefined;
  const title = detail ? accountName(detail) : VIEW_TITLES[view];
  const attention = useAttention().length;
  const loadSettings = useSettings((state) => state.load);
  const followSettings = useSettings((state) => state.follow);
  useBrowserNotifications();
  useEffect(() => {
    if (opened) pickFirst(accounts.length > 0);
  }, [opened, accounts.length, pickFirst]);
  useEffect(() => {
    void load();
    void loadVault();
  }, [load, loadVault, epoch]);
  useEffect(() => followVault(), [followVault]);
  // The warning window (Settings) decides which accounts are due soon, on every screen.
  useEffect(() => {
    void loadSettings();
  }, [loadSettings, epoch]);
  useEffect(() => followSettings(), [followSettings]);
  useEffect(() => followOpenAccountRequests((listener) => on('app.openAccount', listener)), []);
  useEffect(() => warmScreens(), []);
  useEffect(() => {
    document.title = windowTitle(title, attention);
  }, [title, attention]);
  return (
    <div className="app">
      <header className="app-header">
        <img className="app-logo" src="/favicon.png" alt="" width={22} height={22} />
        <h1>Switchboard</h1>
        {info?.mode === 'demo' ? (
          <span className="mode-badge" title="Simulated platforms; nothing reaches a real account">
            Demo
          </span>
        ) : null}
      </header>
      <nav className="app-nav" aria-label="Main">
        {VIEWS.map((name) => (
          <button
            key={name}
            type="button"
            className={name === view ? 'nav-item active' : 'nav-item'}
            aria-current={name === view ? 'page' : undefined}
            // The count is read with its meaning (a description), and the name stays "Overview".
            aria-describedby={name === 'overview' && attention > 0 ? 'attention-count' : undefined}
            onClick={() => show(name)}
          >
            {VIEW_TITLES[name]}
            {name === 'overview' && attention > 0 ? (
              <span className="nav-badge" data-testid="attention-badge" aria-hidden="true">
                {attention}
              </span>
            ) : null}
          </button>
        ))}
      </nav>
      {attention > 0 ? (
        <span id="attention-count" hidden>
          {attention} {attention === 1 ? 'account needs' : 'accounts need'} you
        </span>
      ) : null}
      <main className="app-main" aria-labelledby="screen-title">
        <ConnectionBanner />
        <AttentionBanner />
        <AlertNotices />
        {view === 'accounts' ? null : <VaultBanner />}
        <h2 id="screen-title">{detail ? 'Account' : VIEW_TITLES[view]}</h2>
        {/* Remounted when the connection comes back, so each screen loads what it missed. */}
        <Suspense fallback={<p className="muted">Loading…</p>}>
          <Screen key={epoch} />
        </Suspense>
      </main>
    </div>
  );
}
