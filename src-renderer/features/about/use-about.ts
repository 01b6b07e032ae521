import { ipc } from '../../ipc';
import { createAboutStore } from './about-store';

/** The app's one about store, on the real transport. */
export const useAbout = createAboutStore(ipc);
