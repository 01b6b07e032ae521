import { describe, expect, it } from 'vitest';
import type { AccountStatus, AccountSummary } from '../../../src-shared/account';
import {
  attentionMenuItems,
  dueSoonDays,
  dueSoonText,
  summaryLine,
} from '../../../src-shared/account-summary';
import { attentionOf, rememberedAttention, windowTitle } from './attention';

const now = Date.parse('2026-11-25T12:00:00Z');
const DAY = 86_400_000;
const window = { now, warningDays: 7 };

const account = (id: string, status: AccountStatus, reauthInDays: number | null = null) =>
  ({
    id,
    status,
    reauthBy: reauthInDays === null ? null : new Date(now + reauthInDays * DAY).toISOString(),
  }) as AccountSummary;

describe('due soon as a state', () => {
  it('counts whole days inside the warning window, and nothing outside it', () => {
    expect(dueSoonDays(account('a', 'healthy', 5.5), window)).toBe(6);
    expect(dueSoonDays(account('a', 'healthy', 7), window)).toBe(7);
    expect(dueSoonDays(account('a', 'healthy', 7.01), window)).toBeNull();
    expect(dueSoonDays(account('a', 'healthy', -1), window)).toBe(0);
    expect(dueSoonDays(account('a', 'healthy'), window)).toBeNull();
    // Already needing the creator: that status speaks, not the forecast.
    expect(dueSoonDays(account('a', 'needs_reauth', 2), window)).toBeNull();
    expect(dueSoonText(6)).toBe('Sign in again within 6 days');
    expect(dueSoonText(1)).toBe('Sign in again within 1 day');
    expect(dueSoonText(0)).toBe('Sign in again today');
  });

  it('is counted in the summary line instead of "healthy"', () => {
    const accounts = [
      account('a', 'healthy', 6),
      account('b', 'healthy', 30),
      account('c', 'healthy'),
    ];
    expect(summaryLine(accounts, window)).toBe('2 healthy · 1 due soon');
    expect(summaryLine([account('a', 'healthy', 6)], window)).toBe('1 due soon');
    // Without a window (older callers) nothing changes.
    expect(summaryLine(accounts)).toBe('3 healthy');
  });
});

describe('what needs the creator, on every screen', () => {
  it('counts accounts needing them now and those due soon, once each', () => {
    const accounts = [
      account('a', 'needs_reauth', 2),
      account('b', 'healthy', 3),
      account('c', 'healthy', 40),
      account('d', 'expiring'),
      account('e', 'vault_error'),
    ];
    expect(attentionOf(accounts, window).map((item) => item.id)).toEqual(['a', 'b', 'e']);
  });

  it('puts the count first in the window title', () => {
    expect(windowTitle('Settings', 1)).toBe('(1) Settings · Switchboard');
    expect(windowTitle('Settings', 0)).toBe('Settings · Switchboard');
  });
});

describe("the tray's menu", () => {
  it('offers accounts needing the creator now, then those due soon, each opening its account', () => {
    const accounts = [
      account('a', 'healthy', 3),
      account('b', 'needs_reauth'),
      account('c', 'healthy', 30),
    ];
    expect(attentionMenuItems(accounts, window, (item) => `YouTube · ${item.id}`)).toEqual([
      { label: 'Fix YouTube · b', accountId: 'b' },
      { label: 'Sign in again within 3 days: YouTube · a', accountId: 'a' },
    ]);
  });
});

describe('the remembered attention list', () => {
  it('answers the same array for the same list, clock and window, and recounts when any changes', () => {
    const attention = rememberedAttention();
    const list = [
      account('a', 'needs_reauth'),
      account('b', 'healthy', 3),
      account('c', 'healthy'),
    ];
    const first = attention(list, window);
    expect(first.map((item) => item.id)).toEqual(['a', 'b']);
    expect(attention(list, { ...window })).toBe(first);
    expect(attention(list, { now, warningDays: 2 }).map((item) => item.id)).toEqual(['a']);
    expect(attention(list, { now: now + 2 * DAY, warningDays: 2 }).map((item) => item.id)).toEqual([
      'a',
      'b',
    ]);
    const next = [...list, account('d', 'needs_reauth')];
    expect(attention(next, { now: now + 2 * DAY, warningDays: 2 }).map((item) => item.id)).toEqual([
      'a',
      'b',
      'd',
    ]);
  });
});
