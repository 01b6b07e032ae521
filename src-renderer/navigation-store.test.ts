import { describe, expect, it } from 'vitest';
import { screenToShow } from './navigation-store';

describe('the first screen', () => {
  it('is Overview as soon as an open vault has accounts, Accounts when it has none or is not open', () => {
    const unchosen = { view: 'accounts', chosen: false } as const;
    expect(screenToShow(unchosen, true, true)).toBe('overview');
    expect(screenToShow(unchosen, true, false)).toBe('accounts');
    // Locked or not yet known: Accounts, where the vault is unlocked.
    expect(screenToShow(unchosen, false, false)).toBe('accounts');
    // A vault locked again keeps its last list in the store; Overview would show none of it.
    expect(screenToShow(unchosen, false, true)).toBe('accounts');
  });

  it("is the creator's own choice once made (or kept from before a reload), accounts or not", () => {
    expect(screenToShow({ view: 'accounts', chosen: true }, true, true)).toBe('accounts');
    expect(screenToShow({ view: 'settings', chosen: true }, true, false)).toBe('settings');
    expect(screenToShow({ view: 'health', chosen: true }, false, false)).toBe('health');
  });
});
