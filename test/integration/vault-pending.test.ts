import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Vault } from '../../src-main/core/vault/vault';
import { openTestVault, profile, tokenSet } from '../support/vault-fixtures';
import { tempDir } from '../support/test-host';

const walSize = (dir: string) => statSync(join(dir, 'vault.sqlite-wal')).size;

describe('pending sign-ins in the vault', () => {
  let dir: ReturnType<typeof tempDir>;
  let vault: Vault;
  beforeEach(async () => {
    dir = tempDir();
    vault = await openTestVault(dir.path);
  });
  afterEach(() => {
    vault.close();
    dir.remove();
  });

  it('stores sealed tokens that come back whole, and survive a key rotation', async () => {
    const tokens = tokenSet('pending');
    vault.pending.store('p1', 'tiktok', tokens);
    await vault.rotateDataKey();
    const [stored] = vault.pending.list();
    expect(stored!.tokens).toMatchObject({
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
    });
    const raw = vault.db.prepare('SELECT access_token FROM pending_connections').get() as {
      access_token: Buffer;
    };
    expect(raw.access_token.includes(Buffer.from(tokens.accessToken))).toBe(false);
  });

  it('becoming an account removes the pending copy in the same transaction', () => {
    vault.pending.store('p2', 'x', tokenSet('p2'));
    vault.accounts.saveConnection(profile('x', '42'), tokenSet('x'), undefined, 'p2');
    expect(vault.pending.list()).toEqual([]);
  });

  it('a refused account (tier limit) keeps the pending copy for the revoke that follows', () => {
    vault.accounts.saveConnection(profile('x', '1'), tokenSet('first'));
    vault.pending.store('p3', 'x', tokenSet('p3'));
    expect(() =>
      vault.accounts.saveConnection(profile('x', '2'), tokenSet('second'), undefined, 'p3'),
    ).toThrow(/Free plan connects 1 X account/);
    expect(vault.pending.list().map((entry) => entry.id)).toEqual(['p3']);
  });

  it('removing pending tokens or a client secret truncates the WAL, so neither outlives it there', () => {
    vault.pending.store('p4', 'youtube', tokenSet('p4'));
    expect(walSize(dir.path)).toBeGreaterThan(0);
    vault.pending.remove('p4');
    expect(walSize(dir.path)).toBe(0);
    vault.credentials.set('tiktok', { clientId: 'id', clientSecret: 'a-client-secret' });
    expect(walSize(dir.path)).toBeGreaterThan(0);
    vault.credentials.remove('tiktok');
    expect(walSize(dir.path)).toBe(0);
  });
});
