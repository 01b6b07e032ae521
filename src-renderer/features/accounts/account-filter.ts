import type { AccountSummary } from '../../../src-shared/account';
import { accountPlace } from './AccountHeading';

/**
 * The accounts whose name, the platform's name for it, platform or handle contain `query`
 * (any case). Long lists render only the rows on screen, so the browser's own find cannot reach
 * the rest; this is how a creator with hundreds of accounts finds one.
 */
export function filterAccounts(
  accounts: readonly AccountSummary[],
  query: string,
): readonly AccountSummary[] {
  const wanted = query.trim().toLocaleLowerCase();
  if (!wanted) return accounts;
  return accounts.filter((account) =>
    [account.label ?? '', account.displayName, accountPlace(account)].some((text) =>
      text.toLocaleLowerCase().includes(wanted),
    ),
  );
}
