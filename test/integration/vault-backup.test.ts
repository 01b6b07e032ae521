import { createHmac, randomBytes } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBackup, importBackup } from '../../src-main/core/vault/backup';
import { openBackup } from '../../src-main/core/vault/backup-file';
import { seal } from '../../src-main/core/vault/sealed-box';
import { deriveKey } from '../../src-main/core/vault/scrypt-kdf';
import { openVault, type Vault } from '../../src-main/core/vault/vault';
import { tempDir } from '../support/test-host';
import {
  APP_SUMMARY_POLICY,
  openTestVault,
  profile,
  tokenSet,
  cheapPassphraseProtector,
} from '../support/vault-fixtures';

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
      keyProtector: cheapPassphraseProtector('other machine'),
      summaryPolicy: APP_SUMMARY_POLICY,
    });
    expect(await importBackup(other, PASSPHRASE, file)).toEqual({ accounts: 2 });
    // A restored X or TikTok account is verified once before its refresh token is trusted.
    expect(other.accounts.list()).toEqual(
      vault.accounts.list().map((account) =>
        account.platform === 'x' || account.platform === 'tiktok'
          ? {
              ...account,
              status: 'verify',
              statusReason: expect.stringMatching(/Restored from a backup/),
              nextRefreshAt: null,
            }
          : account,
      ),
    );
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
      keyProtector: cheapPassphraseProtector('other machine'),
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

  it('refuses a weak backup passphrase with passphrase_too_weak, and writes nothing', async () => {
    for (const weak of ['short', '        ']) {
      await expect(exportBackup(vault, weak, file)).rejects.toMatchObject({
        code: 'passphrase_too_weak',
      });
    }
    expect(readdirSync(source.path).filter((name) => !name.startsWith('vault.sqlite'))).toEqual([]);
  });

  it('writes the file owner-only through a fresh temporary file: no symlink followed, nothing left behind', async () => {
    const elsewhere = join(target.path, 'not-yours');
    writeFileSync(elsewhere, 'untouched', { mode: 0o644 });
    // The old fixed temporary name, planted as a symlink; and a world-readable file in the way.
    symlinkSync(elsewhere, `${file}.partial`);
    writeFileSync(file, 'an older backup', { mode: 0o644 });
    chmodSync(file, 0o644);
    await exportBackup(vault, PASSPHRASE, file);
    expect(readFileSync(elsewhere, 'utf8')).toBe('untouched');
    expect(lstatSync(`${file}.partial`).isSymbolicLink()).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).subarray(0, 21).toString()).toBe('SWITCHBOARD-BACKUP 2\n');
    // A symlink at the chosen name is replaced, not written through.
    rmSync(file);
    symlinkSync(elsewhere, file);
    await exportBackup(vault, PASSPHRASE, file);
    expect(lstatSync(file).isFile()).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(elsewhere, 'utf8')).toBe('untouched');
    expect(readdirSync(source.path).sort()).toEqual(
      [
        'switchboard.backup',
        'switchboard.backup.partial',
        'vault.sqlite',
        'vault.sqlite-wal',
      ].sort(),
    );
  });

  it('stores the scrypt cost in the file (N=2^17, r=8, p=1)', async () => {
    await exportBackup(vault, PASSPHRASE, file);
    expect([...readFileSync(file).subarray(21, 24)]).toEqual([17, 8, 1]);
  });

  it('still imports a version-1 backup (no stored cost, N=2^15)', async () => {
    await exportBackup(vault, PASSPHRASE, file);
    const body = await openBackup(readFileSync(file), PASSPHRASE);
    // The old layout, by hand: magic | salt | check | sealed body, at the old cost.
    const salt = randomBytes(16);
    const material = await deriveKey(PASSPHRASE, salt, { log2N: 15, r: 8, p: 1 });
    const check = createHmac('sha256', material).update('check').digest().subarray(0, 16);
    const key = createHmac('sha256', material).update('encrypt').digest();
    const v1 = Buffer.concat([
      Buffer.from('SWITCHBOARD-BACKUP 1\n'),
      salt,
      check,
      seal(key, body, 'switchboard:backup:v1'),
    ]);
    writeFileSync(file, v1);
    const other = await openTestVault(target.path);
    expect(await importBackup(other, PASSPHRASE, file)).toEqual({ accounts: 2 });
    const yt = other.accounts.list().find((account) => account.platform === 'youtube')!;
    expect(other.tokens.readSecrets(yt.id).accessToken).toBe(tokens.yt.accessToken);
    other.close();
  });

  it('carries a token row that fails its check over as vault_error with the reason — never healthy', async () => {
    const [yt, x] = vault.accounts.list();
    const flip = (column: 'access_token' | 'refresh_token', id: string) => {
      const row = vault.db
        .prepare(`SELECT ${column} AS blob FROM tokens WHERE account_id = ?`)
        .get(id) as { blob: Buffer };
      const bytes = Buffer.from(row.blob);
      bytes[bytes.length - 1]! ^= 0x01;
      vault.db.prepare(`UPDATE tokens SET ${column} = ? WHERE account_id = ?`).run(bytes, id);
    };
    flip('access_token', yt!.id);
    flip('refresh_token', x!.id); // a broken refresh token alone spoils the pair too
    expect(vault.accounts.get(yt!.id)?.status).toBe('healthy'); // not read yet, so not noticed
    expect(await exportBackup(vault, PASSPHRASE, file)).toEqual({ accounts: 2, unreadable: 2 });

    const other = await openTestVault(target.path);
    await importBackup(other, PASSPHRASE, file);
    for (const account of [yt!, x!]) {
      expect(other.accounts.get(account.id)).toMatchObject({
        status: 'vault_error',
        statusReason: expect.stringMatching(/integrity check.*reconnect/),
        accessExpiresAt: account.accessExpiresAt,
      });
      expect(() => other.tokens.readSecrets(account.id)).toThrow(
        expect.objectContaining({ code: 'vault_tampered' }),
      );
    }
    // Exported again, it stays what it is.
    const again = join(target.path, 'again.backup');
    expect(await exportBackup(other, PASSPHRASE, again)).toMatchObject({ unreadable: 2 });
    other.close();
  });

  it('imports in one transaction: a row that fails midway leaves the vault as it was', async () => {
    const [yt] = vault.accounts.list();
    // A rate-limit row of an account that does not exist: restored after accounts and tokens,
    // it fails the foreign key there.
    vault.db.pragma('foreign_keys = OFF');
    vault.db
      .prepare(
        "INSERT INTO rate_limits (account_id, endpoint, observed_at) VALUES ('ghost', 'graph', 0)",
      )
      .run();
    vault.db.pragma('foreign_keys = ON');
    await exportBackup(vault, PASSPHRASE, file);

    const other = await openTestVault(target.path);
    const kept = other.accounts.saveConnection(profile('tiktok', 'kept'), tokenSet('kept'));
    other.credentials.set('tiktok', { clientId: 'kept-client', clientSecret: 'kept-secret' });
    await expect(importBackup(other, PASSPHRASE, file)).rejects.toMatchObject({
      code: 'backup_damaged',
    });
    expect(other.accounts.list()).toEqual([kept]);
    expect(other.accounts.get(yt!.id)).toBeNull();
    expect(other.credentials.get('tiktok')).toEqual({
      clientId: 'kept-client',
      clientSecret: 'kept-secret',
    });
    expect(other.db.prepare('SELECT COUNT(*) AS n FROM usage_daily').get()).toEqual({ n: 0 });
    other.close();
  });
});
