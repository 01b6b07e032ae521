import { create } from 'zustand';

export const VIEWS = ['accounts', 'health', 'settings', 'about'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_TITLES: Record<View, string> = {
  accounts: 'Accounts',
  health: 'Health',
  settings: 'Settings',
  about: 'About',
};

interface NavigationState {
  view: View;
  show(view: View): void;
}

/** Which screen area is showing. */
export const useNavigation = create<NavigationState>((set) => ({
  view: 'accounts',
  show: (view) => set({ view }),
}));
