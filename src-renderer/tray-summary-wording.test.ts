import { describe, expect, it } from 'vitest';
import type { AccountStatus, AccountSummary } from '../src-shared/account';
import { summaryLine } from '../src-shared/account-summary';
import { summaryLine as overviewSummary } from './features/overview/overview-model';
import { followOpenAccountRequests, useNavigation } from './navigation-store';

// The tray's tooltip and the Overview's line are one function: the creator reads the same words.

const account = (id: string, status: AccountStatus) => ({ id, status }) as AccountSummary;

describe('the summary wording shared with the tray', () => {
  it('counts every account once, in plain words', () => {
    const accounts = [
      ...['a', 'b', 'c', 'd', 'e'].map((id) => account(id, 'healthy')),
      account('f', 'expiring'),
      account('g', 'needs_reauth'),
    ];
    expect(summaryLine(accounts)).toBe('5 healthy · 1 expiring · 1 needs you');
    expect(overviewSummary).toBe(summaryLine);
  });

  it('says "need you" for several, and has words for no accounts at all', () => {
    expect(summaryLine([account('a', 'vault_error'), account('b', 'account_problem')])).toBe(
      '2 need you',
    );
    expect(summaryLine([])).toBe('No accounts yet');
  });
});

describe("the shell's open-account request", () => {
  it("opens that account's detail", () => {
    let send: ((payload: { accountId: string }) => void) | null = null;
    const stop = followOpenAccountRequests((listener) => {
      send = listener;
      return () => (send = null);
    });
    useNavigation.getState().show('health');
    send!({ accountId: 'acc-7' });
    expect(useNavigation.getState()).toMatchObject({ view: 'accounts', accountId: 'acc-7' });
    stop();
    expect(send).toBeNull();
  });
});
