import { describe, expect, it } from 'vitest';
import type { AccountSummary } from '../../../src-shared/account';
import type { VaultStatus } from '../../../src-shared/ipc-contract';
import { fakeIpc } from '../../../test/support/fake-ipc';
import { IpcError } from '../../ipc-error';
import { pageClockTime } from '../../use-now';
import { createAccountsStore } from './accounts-store';

const OPEN: VaultStatus = { state: 'open', keyProtector: 'passphrase', error: null };
const LOCKED: VaultStatus = { ...OPEN, state: 'locked' };

function account(id: string, extra: Partial<AccountSummary> = {}): AccountSummary {
  return {
    id,
    platform: 'youtube',
    provider: 'youtube',
    label: null,
    displayName: `Channel ${id}`,
    handle: null,
    avatarKey: null,
    followers: null,
    status: 'healthy',
    statusReason: null,
    scopes: [],
    accessExpiresAt: null,
    lastRefreshAt: null,
    lastCheckAt: null,
    nextRefreshAt: null,
    lastError: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    reauthBy: null,
    reauthReason: null,
    usage: { postsToday: 0, postCap: null, postingCappedUntil: null, rateLimit: null },
    ...extra,
  };
}

describe('the accounts store, on a fake transport', () => {
  it('lists no accounts while the vault is locked, and asks for none', async () => {
    const ipc = fakeIpc({ 'vault.status': () => LOCKED });
    const store = createAccountsStore(ipc);
    await store.getState().load();
    expect(store.getState()).toMatchObject({ vault: LOCKED, accounts: [], error: null });
    expect(ipc.calls.map((call) => call.channel)).toEqual(['vault.status']);
  });

  it('serves loads asked while one runs with that one (the shell and the first screen at start-up); a later load asks again', async () => {
    let listed = 0;
    const ipc = fakeIpc({
      'vault.status': () => OPEN,
      'accounts.list': () => [account(`a${(listed += 1)}`)],
    });
    const store = createAccountsStore(ipc);
    await Promise.all([store.getState().load(), store.getState().load()]);
    expect(ipc.calls.map((call) => call.channel)).toEqual(['vault.status', 'accounts.list']);
    expect(store.getState().accounts.map((item) => item.id)).toEqual(['a1']);
    await store.getState().load();
    expect(store.getState().accounts.map((item) => item.id)).toEqual(['a2']);
  });

  it('unlocks, then lists; a refusal is kept and the busy flag always drops', async () => {
    let right = false;
    const ipc = fakeIpc({
      'vault.unlock': () => {
        if (!right) throw new IpcError('vault_wrong_key', 'Wrong passphrase.');
        return OPEN;
      },
      'accounts.list': () => [account('a')],
    });
    const store = createAccountsStore(ipc);
    await store.getState().unlock('not the one');
    expect(store.getState()).toMatchObject({ unlocking: false, accounts: [] });
    expect(store.getState().error?.code).toBe('vault_wrong_key');
    right = true;
    await store.getState().unlock('the right one');
    expect(store.getState()).toMatchObject({ unlocking: false, error: null, vault: OPEN });
    expect(store.getState().accounts.map((item) => item.id)).toEqual(['a']);
  });

  it("refuses a label the contract refuses before asking main, and shows main's answer", async () => {
    const ipc = fakeIpc({
      'accounts.rename': ({ accountId, label }) => account(accountId, { label }),
    });
    const store = createAccountsStore(ipc);
    store.setState({ accounts: [account('a'), account('b')] });
    expect(await store.getState().rename('a', 'x'.repeat(500))).toEqual(expect.any(String));
    expect(ipc.calls).toEqual([]);
    expect(await store.getState().rename('a', 'Main channel')).toBeNull();
    expect(store.getState().accounts.map((item) => item.label)).toEqual(['Main channel', null]);
  });

  it('drops a disconnected account and says what the platform did', async () => {
    const ipc = fakeIpc({
      'accounts.disconnect': ({ accountId }) => ({
        accountId,
        revoke: 'failed',
        message: 'The platform did not answer.',
      }),
    });
    const store = createAccountsStore(ipc);
    const a = account('a', { label: 'Main' });
    store.setState({ accounts: [a, account('b')] });
    expect(await store.getState().disconnect(a)).toBeNull();
    expect(store.getState().accounts.map((item) => item.id)).toEqual(['b']);
    expect(store.getState().outcome).toMatchObject({ name: 'Main', result: { revoke: 'failed' } });
  });

  it('moves the page clock to now when a new account list arrives, loaded or pushed', async () => {
    const ipc = fakeIpc({
      'vault.status': () => ({ ...OPEN }),
      'accounts.list': () => [account('a')],
    });
    const store = createAccountsStore(ipc);
    const stop = store.getState().follow();
    const beforePush = Date.now();
    ipc.emit('accounts.changed', [account('p')]);
    expect(pageClockTime()).toBeGreaterThanOrEqual(beforePush);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const beforeLoad = Date.now();
    await store.getState().load();
    expect(pageClockTime()).toBeGreaterThanOrEqual(beforeLoad);
    stop();
  });

  it('follows the vault and the account list main pushes, until unsubscribed', () => {
    const ipc = fakeIpc({});
    const store = createAccountsStore(ipc);
    const stop = store.getState().follow();
    ipc.emit('vault.changed', LOCKED);
    ipc.emit('accounts.changed', [account('c')]);
    expect(store.getState().vault).toEqual(LOCKED);
    expect(store.getState().accounts.map((item) => item.id)).toEqual(['c']);
    stop();
    expect(ipc.listeners('vault.changed') + ipc.listeners('accounts.changed')).toBe(0);
    ipc.emit('accounts.changed', []);
    expect(store.getState().accounts).toHaveLength(1);
  });

  it('keeps unchanged accounts as they were, so memoised rows skip them; an unchanged list notifies nobody', async () => {
    // Every answer is a fresh copy, as over IPC.
    const list = () => [account('a'), account('b'), account('c')];
    const ipc = fakeIpc({ 'vault.status': () => ({ ...OPEN }), 'accounts.list': list });
    const store = createAccountsStore(ipc);
    await store.getState().load();
    const first = store.getState().accounts;
    let notified = 0;
    const unsubscribe = store.subscribe(() => (notified += 1));
    await store.getState().load();
    const stop = store.getState().follow();
    ipc.emit('accounts.changed', list());
    expect(store.getState().accounts).toBe(first);
    expect(notified).toBe(0);
    const changed = list();
    changed[1] = account('b', { status: 'needs_reauth' });
    ipc.emit('accounts.changed', changed);
    const after = store.getState().accounts;
    expect(notified).toBe(1);
    expect(after[0]).toBe(first[0]);
    expect(after[2]).toBe(first[2]);
    expect(after[1]).not.toBe(first[1]);
    expect(after[1]!.status).toBe('needs_reauth');
    // Same accounts, new order: a new list, the same objects.
    ipc.emit(
      'accounts.changed',
      [after[2]!, after[0]!, after[1]!].map((a) => ({ ...a })),
    );
    expect(store.getState().accounts.map((a) => a.id)).toEqual(['c', 'a', 'b']);
    expect(store.getState().accounts[0]).toBe(first[2]);
    stop();
    unsubscribe();
  });
});
