import type { AccountSummary } from '../../../src-shared/account';
import type { DueWindow } from '../../../src-shared/account-summary';
import { rememberedAttention } from './attention';
import { useNow } from '../../use-now';
import { useAccounts } from '../accounts/use-accounts';
import { useSettings } from '../settings/use-settings';

/** Now and the re-auth warning window from Settings (7 days until Settings has loaded). */
export function useDueWindow(): DueWindow {
  const now = useNow();
  const warningDays = useSettings((state) => state.settings?.reauthWarningDays ?? 7);
  return { now, warningDays };
}

const NONE: AccountSummary[] = [];
/** One for the app: its callers ask with the same store list and clock within a render. */
const attention = rememberedAttention();

/** The accounts needing the creator, from the same account events every screen follows. */
export function useAttention(): AccountSummary[] {
  const window = useDueWindow();
  const accounts = useAccounts((state) => (state.vault?.state === 'open' ? state.accounts : NONE));
  return attention(accounts, window);
}

export { windowTitle } from './attention';
