import { ipc } from '../../ipc';
import { createAccountsStore } from './accounts-store';

/** The app's one accounts store, on the real transport. */
export const useAccounts = createAccountsStore(ipc);
