import { useEffect } from 'react';
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
 * One way of saving: the one Save, and nothing lost silently. While `changed`, leaving Settings
 * (another screen, an alert's Open, closing the tab) asks first.
 */
export function useUnsavedGuard(changed: boolean): void {
  const setLeaveGuard = useNavigation((state) => state.setLeaveGuard);
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
