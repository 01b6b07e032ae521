import { ipc } from '../../ipc';
import { createHealthStore } from './health-store';

/** The app's one health store, on the real transport. */
export const useHealth = createHealthStore(ipc);
