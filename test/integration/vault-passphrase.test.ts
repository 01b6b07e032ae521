import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { passphraseKeyProtector, rawKeyProtector } from '../../src-main/core/vault/key-protectors';
import { openVault, VAULT_FILE } from '../../src-main/core/vault/vault';
import { tempDir } from '../support/test-host';
import {
  newKey,
  openTestVault,
  profile,
  tokenSet,
  wrapWithPassphrase,
} from '../support/vault-fixtures';

const OLD = 'the old passphrase';

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));
const newDir = () => {
  const dir = tempDir();
  dirs.push(dir);
  return dir.path;
};

const storedWraps = (vault: Awaited<ReturnType<typeof openVault>>) =>
  (vault.db.prepare('SELECT wrapped FROM vault_keys').all() as { wrapped: Buffer }[]).map(
    (row) => row.wrapped,
  );

const vaultFiles = (dataDir: string) =>
  Buffer.concat(
    [VAULT_FILE, `${VAULT_FILE}-wal`]
      .map((name) => join(dataDir, name))
      .filter(existsSync)
      .map((path) => readFileSync(path)),
  );

describe('vault passphrases', () => {
  it('opens a version-0 vault (N=2^15, no header) and re-wraps it at today’s cost, once', async () => {
    const dataDir = newDir();
    const tokens = tokenSet('legacy');
    const setup = await openTestVault(dataDir);
    const { id } = setup.accounts.saveConnection(profile('x', 'legacy'), tokens);
    await wrapWithPassphrase(setup, OLD, 'v0');
    const [v0] = storedWraps(setup);
    expect(v0).toHaveLength(76);
    setup.close();

    // A wrong passphrase changes nothing, the upgrade included.
    await expect(
      openVault({ dataDir, keyProtector: passphraseKeyProtector('not the passphrase') }),
    ).rejects.toMatchObject({ code: 'vault_wrong_key' });
    const vault = await openVault({ dataDir, keyProtector: passphraseKeyProtector(OLD) });
    expect(vault.tokens.readSecrets(id).accessToken).toBe(tokens.accessToken);
    const [upgraded] = storedWraps(vault);
    expect(upgraded!.subarray(0, 4).toString()).toBe('sbkw');
    expect([...upgraded!.subarray(4, 8)]).toEqual([1, 17, 8, 1]);
    // The weaker wrap is gone from the file and its WAL, not merely superseded.
    expect(vaultFiles(dataDir).includes(v0!)).toBe(false);
    vault.close();
    const again = await openVault({ dataDir, keyProtector: passphraseKeyProtector(OLD) });
    expect(storedWraps(again)[0]!.equals(upgraded!)).toBe(true);
    again.close();
  });

  it('changePassphrase with rotateKey: the old passphrase no longer opens it, and an old copy’s key opens nothing in it', async () => {
    const dataDir = newDir();
    const copyDir = newDir();
    const oldKey = newKey();
    const tokens = tokenSet('rotated');
    const vault = await openTestVault(dataDir, oldKey);
    const { id } = vault.accounts.saveConnection(profile('tiktok', 'r'), tokens);
    vault.close();
    copyFileSync(join(dataDir, VAULT_FILE), join(copyDir, VAULT_FILE)); // e.g. a synced folder

    const reopened = await openTestVault(dataDir, oldKey);
    const newKeyHex = newKey();
    await reopened.changePassphrase(rawKeyProtector(newKeyHex), { rotateKey: true });
    expect(reopened.keyVersion).toBe(2);
    const rotatedBlob = (
      reopened.db.prepare('SELECT access_token FROM tokens').get() as { access_token: Buffer }
    ).access_token;
    reopened.close();

    await expect(openTestVault(dataDir, oldKey)).rejects.toMatchObject({ code: 'vault_wrong_key' });
    const current = await openTestVault(dataDir, newKeyHex);
    expect(current.tokens.readSecrets(id).accessToken).toBe(tokens.accessToken);
    current.close();
    // The documented caveat: the old copy still opens with the old key, but what it yields
    // does not decrypt the current file's secrets.
    const copy = await openTestVault(copyDir, oldKey);
    expect(() => copy.keyRing().decrypt(rotatedBlob, `tokens/${id}/access_token`)).toThrow();
    copy.close();
  });

  it('changePassphrase without rotateKey keeps the data key: an old copy’s key still opens the current secrets', async () => {
    const dataDir = newDir();
    const copyDir = newDir();
    const oldKey = newKey();
    const vault = await openTestVault(dataDir, oldKey);
    const { id } = vault.accounts.saveConnection(profile('x', 'kept'), tokenSet('kept'));
    vault.close();
    copyFileSync(join(dataDir, VAULT_FILE), join(copyDir, VAULT_FILE));
    const reopened = await openTestVault(dataDir, oldKey);
    await reopened.changePassphrase(rawKeyProtector(newKey()));
    const blob = (
      reopened.db.prepare('SELECT access_token FROM tokens').get() as { access_token: Buffer }
    ).access_token;
    reopened.close();
    await expect(openTestVault(dataDir, oldKey)).rejects.toMatchObject({ code: 'vault_wrong_key' });
    const copy = await openTestVault(copyDir, oldKey);
    expect(() => copy.keyRing().decrypt(blob, `tokens/${id}/access_token`)).not.toThrow();
    copy.close();
  });

  it('after a change, the protector in use is the new one: a later rotation wraps with it', async () => {
    const dataDir = newDir();
    const vault = await openTestVault(dataDir);
    const { id } = vault.accounts.saveConnection(profile('youtube', 'p'), tokenSet('p'));
    const next = newKey();
    await vault.changePassphrase(rawKeyProtector(next));
    await vault.rotateDataKey();
    vault.close();
    const reopened = await openTestVault(dataDir, next);
    expect(reopened.tokens.readSecrets(id).accountId).toBe(id);
    reopened.close();
  });

  it('a key rotation and a re-wrap started together both land: the new protector opens the rotated key', async () => {
    const dataDir = newDir();
    const oldKey = newKey();
    const vault = await openTestVault(dataDir, oldKey);
    const tokens = tokenSet('race');
    const { id } = vault.accounts.saveConnection(profile('x', 'race'), tokens);
    const next = newKey();
    await Promise.all([vault.rotateDataKey(), vault.rewrapKey(rawKeyProtector(next))]);
    vault.close();
    const reopened = await openTestVault(dataDir, next);
    expect(reopened.keyVersion).toBe(2);
    expect(reopened.tokens.readSecrets(id).accessToken).toBe(tokens.accessToken);
    reopened.close();
  });
});
