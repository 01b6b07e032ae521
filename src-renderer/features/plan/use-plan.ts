import { invoke, on } from '../../ipc';
import { createPlanStore } from './plan-store';

/** The app's plan store, talking to main through the one IPC bridge. */
export const usePlan = createPlanStore({ invoke, on });
