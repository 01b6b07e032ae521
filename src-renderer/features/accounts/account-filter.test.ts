import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../src-shared/account';
import { filterAccounts } from './account-filter';

function account(id: string, extra: Partial<AccountSummary>): AccountSummary {
  return {
    id,
    platform: 'youtube',
    provider: 'youtube',
    label: null,
    displayName: id,
    handle: null,
    ...extra,
  } as AccountSummary;
}

const maya = account('a', { displayName: 'Maya Cooks', handle: 'mayacooks', label: 'Kitchen' });
const zara = account('b', { displayName: 'Zara Dance', platform: 'tiktok', provider: 'tiktok' });
const page = account('c', {
  displayName: 'Studio',
  platform: 'instagram',
  provider: 'facebook',
  handle: '@studio.ig',
});
const all = [maya, zara, page];

describe('finding an account in a long list', () => {
  it('matches the label, the platform’s name for it, the handle and the platform, in any case', () => {
    expect(filterAccounts(all, 'kitchen')).toEqual([maya]);
    expect(filterAccounts(all, 'MAYA C')).toEqual([maya]);
    expect(filterAccounts(all, '@mayacooks')).toEqual([maya]);
    expect(filterAccounts(all, 'tiktok')).toEqual([zara]);
    expect(filterAccounts(all, 'facebook page')).toEqual([page]);
  });

  it('keeps every account for an empty or blank query, and none for a stranger', () => {
    expect(filterAccounts(all, '  ')).toBe(all);
    expect(filterAccounts(all, 'nobody here')).toEqual([]);
  });
});
