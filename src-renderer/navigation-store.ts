import { create } from 'zustand';

export const VIEWS = ['accounts', 'health', 'settings', 'about'] as const;
export type View = (typeof VIEWS)[number];

export const VIEW_TITLES: Record<View, string> = {
  accounts: 'Accounts',
  health: 'Health',
  settings: 'Settings',
  about: 'About',
};

/** A part of a screen another screen can send the creator to (e.g. an error's fix). */
export type Section = 'platforms';

interface NavigationState {
  view: View;
  /** Where the next screen should scroll and move focus once; cleared by whoever honours it. */
  section: Section | null;
  show(view: View, section?: Section): void;
  sectionShown(): void;
}

/** Which screen area is showing. */
export const useNavigation = create<NavigationState>((set) => ({
  view: 'accounts',
  section: null,
  show: (view, section) => set({ view, section: section ?? null }),
  sectionShown: () => set({ section: null }),
}));
