import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBackup, importBackup } from '../../src-main/core/vault/backup';
import { passphraseKeyProtector } from '../../src-main/core/vault/key-protectors';
import { openVault, type Vault } from '../../src-main/core/vault/vault';
import { tempDir } from '../support/test-host';
import { openTestVault, profile, tokenSet } from '../support/vault-fixtures';

const PASSPHRASE = 'backup passphrase 2026';

describe('vault backup', () => {
  let source: ReturnType<typeof tempDir>;
  let target: ReturnType<typeof tempDir>;
  let vault: Vault;
  let file: string;
  const tokens = { yt: tokenSet('yt'), x: tokenSet('x') };

  beforeEach(async () => {
    source = tempDir();
    target = tempDir();
    file = join(source.path, 'switchboard.backup');
    vault = await openTestVault(source.path);
    const yt = vault.accounts.saveConnection(profile('youtube', 'UC1'), tokens.yt);
    vault.accounts.saveConnection(profile('x', '99'), tokens.x);
    vault.usage.increment(yt.id, 'upload');
    vault.credentials.set('youtube', {
      clientId: 'desktop-client',
      clientSecret: 'GOCSPX-backup-me',
    });
  });
  afterEach(() => {
    vault.close();
    source.remove();
    target.remove();
  });

  it('exports and imports into a fresh data folder with a different key: same accounts and tokens', async () => {
    expect(await exportBackup(vault, PASSPHRASE, file)).toEqual({ accounts: 2, unreadable: 0 });
    const bytes = readFileSync(file);
    expect(bytes.includes(Buffer.from(tokens.yt.accessToken))).toBe(false);
    expect(bytes.includes(Buffer.from('GOCSPX-backup-me'))).toBe(false);

    // Another machine: a different key protector altogether.
    const other = await openVault({
      dataDir: target.path,
      keyProtector: passphraseKeyProtector('other machine'),
    });
    expect(await importBackup(other, PASSPHRASE, file)).toEqual({ accounts: 2 });
    expect(other.accounts.list()).toEqual(vault.accounts.list());
    for (const account of vault.accounts.list()) {
      const { generation: _a, ...original } = vault.tokens.readSecrets(account.id);
      const { generation: _b, ...restored } = other.tokens.readSecrets(account.id);
      expect(restored).toEqual(original);
    }
    expect(other.credentials.get('youtube')).toEqual({
      clientId: 'desktop-client',
      clientSecret: 'GOCSPX-backup-me',
    });
    expect(other.usage.count(vault.accounts.list()[1]!.id, 'upload')).toBe(1);
    other.close();
    // And it opens again with its own key, not the source's.
    const reopened = await openVault({
      dataDir: target.path,
      keyProtector: passphraseKeyProtector('other machine'),
    });
    expect(reopened.accounts.list()).toHaveLength(2);
    reopened.close();
  });

  it('a wrong passphrase changes nothing', async () => {
    await exportBackup(vault, PASSPHRASE, file);
    const other = await openTestVault(target.path);
    const existing = other.accounts.saveConnection(profile('tiktok', 'kept'), tokenSet('kept'));
    await expect(importBackup(other, 'not the passphrase', file)).rejects.toMatchObject({
      code: 'backup_wrong_passphrase',
    });
    expect(other.accounts.list()).toEqual([existing]);
    other.close();
  });

  it('a damaged file is refused as damaged, and changes nothing', async () => {
    await exportBackup(vault, PASSPHRASE, file);
    const bytes = readFileSync(file);
    bytes[bytes.length - 10]! ^= 0xff;
    writeFileSync(file, bytes);
    const other = await openTestVault(target.path);
    await expect(importBackup(other, PASSPHRASE, file)).rejects.toMatchObject({
      code: 'backup_damaged',
    });
    writeFileSync(file, 'not a backup at all');
    await expect(importBackup(other, PASSPHRASE, file)).rejects.toMatchObject({
      code: 'backup_damaged',
    });
    await expect(
      importBackup(other, PASSPHRASE, join(target.path, 'missing')),
    ).rejects.toMatchObject({ code: 'backup_damaged' });
    expect(other.accounts.list()).toEqual([]);
    other.close();
  });

  it('refuses a short backup passphrase', async () => {
    await expect(exportBackup(vault, 'short', file)).rejects.toMatchObject({
      code: 'invalid_input',
    });
  });
});
