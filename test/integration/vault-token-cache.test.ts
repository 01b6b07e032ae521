// The opened-token cache behind readSecrets (the proxy's per-call read): a hit only for the exact
// stored ciphertexts, so no write path — refresh, restore, key rotation, tampering — is missed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secretContext } from '../../src-main/core/vault/key-ring';
import type { Vault } from '../../src-main/core/vault/vault';
import { tempDir } from '../support/test-host';
import { newKey, openTestVault, profile, tokenSet } from '../support/vault-fixtures';

let dir: ReturnType<typeof tempDir>;
let vault: Vault;
let opens = 0;

beforeEach(async () => {
  dir = tempDir();
  vault = await openTestVault(dir.path, newKey());
  const ring = vault.keyRing();
  const decrypt = ring.decrypt.bind(ring);
  opens = 0;
  ring.decrypt = (blob, context) => ((opens += 1), decrypt(blob, context));
});
afterEach(() => {
  vault.close();
  dir.remove();
});

const setAccess = (id: string, blob: Buffer) =>
  vault.db.prepare('UPDATE tokens SET access_token = ? WHERE account_id = ?').run(blob, id);

describe('opened tokens', () => {
  it('opens an account’s seals once for repeated reads', () => {
    const tokens = tokenSet('a');
    const { id } = vault.accounts.saveConnection(profile('x', 'a'), tokens);
    opens = 0;
    for (let i = 0; i < 5; i += 1)
      expect(vault.tokens.readSecrets(id).accessToken).toBe(tokens.accessToken);
    // The write remembered the seals it made: reading its own renewal back opens nothing.
    expect(opens).toBe(0);
    const next = 'AT-written-elsewhere';
    setAccess(id, vault.keyRing().encrypt(next, secretContext.accessToken(id)));
    for (let i = 0; i < 5; i += 1) expect(vault.tokens.readSecrets(id).accessToken).toBe(next);
    expect(opens).toBe(2); // access and refresh token, once
  });

  it('a ciphertext written behind its back (a restore, a key rotation) is opened, never the old plaintext', () => {
    const { id } = vault.accounts.saveConnection(profile('x', 'a'), tokenSet('a'));
    vault.tokens.readSecrets(id);
    const next = 'AT-restored-elsewhere';
    setAccess(id, vault.keyRing().encrypt(next, secretContext.accessToken(id)));
    expect(vault.tokens.readSecrets(id).accessToken).toBe(next);
  });

  it('a renewal stored by the vault is read at once', () => {
    const { id } = vault.accounts.saveConnection(profile('x', 'a'), tokenSet('a'));
    vault.tokens.readSecrets(id);
    const renewed = tokenSet('renewed');
    vault.tokens.storeRotation(id, renewed, 1);
    expect(vault.tokens.readSecrets(id)).toMatchObject({
      accessToken: renewed.accessToken,
      refreshToken: renewed.refreshToken,
      generation: 2,
    });
  });

  it('a seal altered after it was read still fails its check', () => {
    const { id } = vault.accounts.saveConnection(profile('x', 'a'), tokenSet('a'));
    vault.tokens.readSecrets(id);
    const row = vault.db
      .prepare('SELECT access_token FROM tokens WHERE account_id = ?')
      .get(id) as {
      access_token: Buffer;
    };
    const flipped = Buffer.from(row.access_token);
    flipped[flipped.length - 3]! ^= 0x01;
    setAccess(id, flipped);
    expect(() => vault.tokens.readSecrets(id)).toThrow(
      expect.objectContaining({ code: 'vault_tampered' }),
    );
  });
});
