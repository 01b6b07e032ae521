import { ipc } from '../../ipc';
import { createSettingsStore } from './settings-store';

/** The app's one settings store, on the real transport. */
export const useSettings = createSettingsStore(ipc);
