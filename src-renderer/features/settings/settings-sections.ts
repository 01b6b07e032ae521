import { useEffect } from 'react';
import { create } from 'zustand';
import { useNavigation } from '../../navigation-store';

/**
 * Settings' sections, in the order its navigation lists them. Another feature adds its own by
 * appending here (e.g. a Plan section) and rendering a <section id={sectionId(...)}>.
 */
export const SETTINGS_SECTIONS = [
  { id: 'general', title: 'General' },
  { id: 'plan', title: 'Plan' },
  { id: 'alerts', title: 'Alerts' },
  { id: 'platforms', title: 'Platforms' },
  { id: 'vault', title: 'Vault & backups' },
  { id: 'tools', title: 'Tools' },
  { id: 'advanced', title: 'Advanced' },
] as const;

export type SettingsSectionId = (typeof SETTINGS_SECTIONS)[number]['id'];

export const sectionId = (id: SettingsSectionId) => `settings-${id}`;

export const UNSAVED_QUESTION =
  'Settings has changes you have not saved. Leave without saving them?';

/**
 * Edits not saved yet, by the form holding them (the one Save's form, a platform's card, the
 * metrics token). Any of them pending makes leaving Settings ask first.
 */
export const usePendingEdits = create<{
  pending: Record<string, true>;
  mark(form: string, changed: boolean): void;
}>((set) => ({
  pending: {},
  mark: (form, changed) =>
    set((state) => {
      if (Boolean(state.pending[form]) === changed) return state;
      const pending = { ...state.pending };
      if (changed) pending[form] = true;
      else delete pending[form];
      return { pending };
    }),
}));

/** Registers one form's unsaved edits (cleared when the form goes away). */
export function useUnsavedEdits(form: string, changed: boolean): void {
  const mark = usePendingEdits((state) => state.mark);
  useEffect(() => {
    mark(form, changed);
    return () => mark(form, false);
  }, [form, changed, mark]);
}

/**
 * One way of saving, and nothing lost silently: while any Settings form has unsaved edits,
 * leaving Settings (another screen, an alert's Open, closing the tab) asks first.
 */
export function useUnsavedGuard(): void {
  const setLeaveGuard = useNavigation((state) => state.setLeaveGuard);
  const changed = usePendingEdits((state) => Object.keys(state.pending).length > 0);
  useEffect(() => {
    if (!changed) return undefined;
    setLeaveGuard(() => window.confirm(UNSAVED_QUESTION));
    const beforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', beforeUnload);
    return () => {
      setLeaveGuard(null);
      window.removeEventListener('beforeunload', beforeUnload);
    };
  }, [changed, setLeaveGuard]);
}
