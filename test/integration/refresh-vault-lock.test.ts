import { afterEach, beforeEach, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import type { Vault } from '../../src-main/core/vault/vault';
import { startRefreshHarness, TOKEN_PATHS, type RefreshHarness } from '../support/refresh-harness';
import { tempDir } from '../support/test-host';
import { newKey, openTestVault, profile } from '../support/vault-fixtures';

let h: RefreshHarness;
beforeEach(async () => {
  h = await startRefreshHarness();
});
afterEach(async () => {
  await h.close();
});

it('a vault locked while the renewed pair waits in the commit queue: healthy after unlock, nothing lost', async () => {
  const dir = tempDir('switchboard-refresh-lock-');
  const key = newKey();
  let vault: Vault = await openTestVault(dir.path, key, h.clock.now);
  let locked = false;
  h.setGate({
    require: () => {
      if (locked) throw new AppError('vault_locked');
      return vault;
    },
  });
  try {
    const { tokens } = await h.connect('x');
    const id = vault.accounts.saveConnection(profile('x', 'x-lock-user'), tokens).id;
    const store = vault.refresh.storeRefreshed;
    vault.refresh.storeRefreshed = (...args) => {
      const queued = store(...args);
      // The creator locks now: closing commits what waits in the queue, then reads fail.
      locked = true;
      vault.close();
      return queued;
    };
    const handed = await h.service.ensureFresh(id, 3 * 3600, 'test');

    vault = await openTestVault(dir.path, key, h.clock.now);
    locked = false;
    const stored = vault.tokens.readSecrets(id);
    // No token lost: what was handed out is what the vault holds, and the platform accepts it.
    expect(handed.accessToken).toBe(stored.accessToken);
    expect(handed.refreshToken).toBe(stored.refreshToken);
    expect(handed.generation).toBe(stored.generation);
    expect(h.fakes.x.isAccessTokenValid(stored.accessToken)).toBe(true);
    expect(h.fakes.x.tokens.isRefreshTokenValid(stored.refreshToken!)).toBe(true);
    expect(vault.accounts.get(id)).toMatchObject({ status: 'healthy', lastError: null });
    expect(h.service.unsavedIds()).toEqual([]);
    expect(h.transitions.map((t) => t.to)).not.toContain('vault_error');
    expect(h.refreshes.map((r) => r.outcome)).toEqual(['success']);
    // The next use after unlock needs no platform call.
    const calls = h.tokenCalls('x', TOKEN_PATHS.x);
    const next = await h.service.ensureFresh(id, 60, 'after unlock');
    expect(next.accessToken).toBe(stored.accessToken);
    expect(h.tokenCalls('x', TOKEN_PATHS.x)).toBe(calls);
  } finally {
    vault.close();
    dir.remove();
  }
});
