import { ipc } from '../../ipc';
import { createToolsStore } from './tools-store';

/** The app's one tools store, on the real transport. */
export const useTools = createToolsStore(ipc);
