import { describe, expect, it } from 'vitest';
import type { AccountStatus, AccountSummary } from '../../../src-shared/account';
import { byUrgency, reauthCalendar, summaryLine } from './overview-model';

const now = Date.parse('2026-11-25T12:00:00Z');

function account(id: string, status: AccountStatus, extra: Partial<AccountSummary> = {}) {
  return {
    id,
    platform: 'youtube',
    provider: 'youtube',
    label: null,
    displayName: id,
    handle: null,
    avatarKey: null,
    followers: null,
    status,
    statusReason: null,
    scopes: [],
    accessExpiresAt: '2026-11-25T13:00:00Z',
    lastRefreshAt: null,
    lastCheckAt: null,
    nextRefreshAt: '2026-11-25T12:50:00Z',
    lastError: null,
    createdAt: '2026-11-01T00:00:00Z',
    updatedAt: '2026-11-01T00:00:00Z',
    ...extra,
  } as AccountSummary;
}

describe('the overview', () => {
  const accounts = [
    ...['a', 'b', 'c', 'd', 'e'].map((id) => account(id, 'healthy')),
    account('f', 'expiring'),
    account('g', 'needs_reauth', { statusReason: 'Sign-in revoked.' }),
  ];

  it('sums the accounts up in one line', () => {
    expect(summaryLine(accounts)).toBe('5 healthy · 1 expiring · 1 needs you');
    expect(summaryLine([account('x', 'vault_error'), account('y', 'account_problem')])).toBe(
      '2 need you',
    );
    expect(summaryLine([])).toBe('No accounts yet');
  });

  it('lists accounts needing the creator first', () => {
    expect(byUrgency(accounts).map((item) => item.id)).toEqual(['g', 'f', 'a', 'b', 'c', 'd', 'e']);
  });

  it('puts in the calendar what needs the creator now, the forecast, and unplanned expiry', () => {
    const calendar = reauthCalendar(
      [
        ...accounts,
        account('h', 'healthy', { nextRefreshAt: null, accessExpiresAt: '2026-11-26T00:00:00Z' }),
        {
          ...account('i', 'healthy'),
          reauthBy: '2026-12-01T00:00:00Z',
          reauthReason: 'Google Testing mode ends refresh tokens after 7 days.',
        } as AccountSummary,
      ],
      now,
    );
    expect(calendar.map((entry) => [entry.account.id, entry.when])).toEqual([
      ['g', '2026-11-25T12:00:00.000Z'],
      ['h', '2026-11-26T00:00:00Z'],
      ['i', '2026-12-01T00:00:00Z'],
    ]);
    expect(calendar[2]!.why).toMatch(/Testing mode/);
    expect(calendar.map((entry) => entry.soon)).toEqual([true, true, true]);
    expect(reauthCalendar(accounts, now, 1).map((entry) => entry.soon)).toEqual([true]);
    const later = reauthCalendar(
      [{ ...account('j', 'healthy'), reauthBy: '2026-12-20T00:00:00Z' } as AccountSummary],
      now,
      7,
    );
    expect(later[0]!.soon).toBe(false);
  });
});
