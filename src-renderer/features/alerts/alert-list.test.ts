import { describe, expect, it } from 'vitest';
import type { AccountAlert } from '../../../src-shared/alerts';
import { alertText, withAlert } from './alert-list';

const alert = (accountId: string, extra: Partial<AccountAlert> = {}): AccountAlert => ({
  kind: 'status',
  accountId,
  platform: 'x',
  label: `Account ${accountId}`,
  oldStatus: 'healthy',
  newStatus: 'needs_reauth',
  reason: 'X no longer accepts this sign-in.',
  at: '2026-11-25T12:00:00Z',
  reauthBy: null,
  ...extra,
});

describe('alerts on screen', () => {
  it('keeps the newest per account, newest first, three at most; tests are not shown', () => {
    let list: AccountAlert[] = [];
    for (const id of ['a', 'b', 'c', 'd']) list = withAlert(list, alert(id));
    expect(list.map((item) => item.accountId)).toEqual(['d', 'c', 'b']);
    list = withAlert(list, alert('c', { newStatus: 'healthy', oldStatus: 'needs_reauth' }));
    expect(list.map((item) => item.accountId)).toEqual(['c', 'd', 'b']);
    expect(withAlert(list, alert('z', { kind: 'test' }))).toEqual(list);
  });

  it('says what happened in one sentence', () => {
    expect(alertText(alert('a'))).toBe(
      'Account a: Reconnect needed — X no longer accepts this sign-in.',
    );
    expect(alertText(alert('a', { newStatus: 'healthy', oldStatus: 'expiring' }))).toBe(
      'Account a works again.',
    );
    expect(alertText(alert('a', { kind: 'reauth_due', reauthBy: null }))).toBe(
      'Account a will need you to sign in again.',
    );
  });
});
