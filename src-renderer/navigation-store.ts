import { create } from 'zustand';

export const VIEWS = ['overview', 'accounts', 'health', 'settings', 'about'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_TITLES: Record<View, string> = {
  overview: 'Overview',
  accounts: 'Accounts',
  health: 'Health',
  settings: 'Settings',
  about: 'About',
};

/** A part of a screen another screen can send the creator to (e.g. an error's fix). */
export type Section = 'platforms' | 'plan';

interface NavigationState {
  view: View;
  /** Where the next screen should scroll and move focus once; cleared by whoever honours it. */
  section: Section | null;
  /** The account whose detail Accounts shows, or null for the list. */
  accountId: string | null;
  /** Whether the creator has chosen a screen yet (until then the app picks the first one). */
  chosen: boolean;
  show(view: View, section?: Section): void;
  /** Opens one account's detail. */
  openAccount(accountId: string): void;
  /** The first screen: Overview once accounts exist, else Accounts to connect one. */
  pickFirst(hasAccounts: boolean): void;
  sectionShown(): void;
  /**
   * Asked before leaving the current screen (Settings with unsaved changes); answering false
   * keeps the creator where they are. null: nothing to lose.
   */
  leaveGuard: (() => boolean) | null;
  setLeaveGuard(guard: (() => boolean) | null): void;
}

const KEPT = 'switchboard.view';

/** The screen this tab showed before a reload, so a reload lands where the creator was. */
function keptView(): View | null {
  const kept = typeof sessionStorage === 'undefined' ? null : sessionStorage.getItem(KEPT);
  return kept && (VIEWS as readonly string[]).includes(kept) ? (kept as View) : null;
}

function keep(view: View): void {
  if (typeof sessionStorage !== 'undefined') sessionStorage.setItem(KEPT, view);
}

/** Which screen area is showing. */
export const useNavigation = create<NavigationState>((set, get) => ({
  view: keptView() ?? 'accounts',
  section: null,
  accountId: null,
  chosen: keptView() !== null,
  show: (view, section) => {
    if (view !== get().view && get().leaveGuard?.() === false) return;
    keep(view);
    set({ view, section: section ?? null, accountId: null, chosen: true });
  },
  openAccount: (accountId) => {
    if (get().view !== 'accounts' && get().leaveGuard?.() === false) return;
    keep('accounts');
    set({ view: 'accounts', section: null, accountId, chosen: true });
  },
  pickFirst: (hasAccounts) => {
    if (!get().chosen) set({ view: hasAccounts ? 'overview' : 'accounts', chosen: true });
  },
  sectionShown: () => set({ section: null }),
  leaveGuard: null,
  setLeaveGuard: (guard) => set({ leaveGuard: guard }),
}));

/**
 * The screen to render now. Until the creator has chosen one, an open vault decides it in the
 * same render its accounts arrive in (Overview once any exist), rather than an effect switching
 * after Accounts has already rendered every account once.
 */
export function screenToShow(
  state: Pick<NavigationState, 'view' | 'chosen'>,
  opened: boolean,
  hasAccounts: boolean,
): View {
  if (state.chosen || !opened) return state.view;
  return hasAccounts ? 'overview' : 'accounts';
}

/**
 * The desktop shell's "open this account" (a tray item or an alert notification was clicked).
 * Call once at start-up; returns the unsubscribe.
 */
export function followOpenAccountRequests(
  listen: (listener: (payload: { accountId: string }) => void) => () => void,
): () => void {
  return listen(({ accountId }) => useNavigation.getState().openAccount(accountId));
}
