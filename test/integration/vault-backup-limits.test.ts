import { readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBackup, importBackup } from '../../src-main/core/vault/backup';
import {
  MAX_BACKUP_JSON_BYTES,
  openBackup,
  sealBackup,
} from '../../src-main/core/vault/backup-file';
import type { Vault } from '../../src-main/core/vault/vault';
import { tempDir } from '../support/test-host';
import { openTestVault, profile, tokenSet } from '../support/vault-fixtures';

const PASSPHRASE = 'backup passphrase 2026';
const MiB = 1024 * 1024;

/**
 * A gzip body that unpacks to `json` followed by spaces, `total` bytes in all, built from
 * concatenated gzip members so the test never holds the unpacked bytes itself (JSON allows the
 * trailing whitespace, so an exactly-at-the-limit body is a valid backup).
 */
function paddedBody(json: Buffer, total: number): Buffer {
  const megabyte = gzipSync(Buffer.alloc(MiB, 0x20));
  const parts = [gzipSync(json)];
  let left = total - json.length;
  for (; left >= MiB; left -= MiB) parts.push(megabyte);
  parts.push(gzipSync(Buffer.alloc(left, 0x20)));
  return Buffer.concat(parts);
}

describe('vault backup size limits', () => {
  let source: ReturnType<typeof tempDir>;
  let target: ReturnType<typeof tempDir>;
  let vault: Vault;
  let other: Vault;
  let file: string;

  beforeEach(async () => {
    source = tempDir();
    target = tempDir();
    file = join(source.path, 'switchboard.backup');
    vault = await openTestVault(source.path);
    vault.accounts.saveConnection(profile('youtube', 'UC1'), tokenSet('yt'));
    other = await openTestVault(target.path);
  });
  afterEach(() => {
    vault.close();
    other.close();
    source.remove();
    target.remove();
  });

  async function snapshotJson(): Promise<Buffer> {
    await exportBackup(vault, PASSPHRASE, file);
    return gunzipSync(await openBackup(readFileSync(file), PASSPHRASE));
  }

  it('imports a body that unpacks to exactly the limit, refuses one byte more as backup_too_large and changes nothing', async () => {
    // The figure the error message states, and the bound the measured vault sizes justify.
    expect(MAX_BACKUP_JSON_BYTES).toBe(256 * MiB);
    const json = await snapshotJson();
    writeFileSync(file, await sealBackup(PASSPHRASE, paddedBody(json, MAX_BACKUP_JSON_BYTES)));
    expect(await importBackup(other, PASSPHRASE, file)).toEqual({ accounts: 1 });

    const kept = other.accounts.list();
    const bomb = paddedBody(json, MAX_BACKUP_JSON_BYTES + 1);
    // The attack's shape: a small file that would unpack far beyond its size.
    expect(bomb.length).toBeLessThan(MAX_BACKUP_JSON_BYTES / 500);
    writeFileSync(file, await sealBackup(PASSPHRASE, bomb));
    await expect(importBackup(other, PASSPHRASE, file)).rejects.toMatchObject({
      code: 'backup_too_large',
      message: expect.stringMatching(/nothing was changed/),
    });
    expect(other.accounts.list()).toEqual(kept);
  });

  it('refuses a file too large to hold an acceptable body before reading it', async () => {
    // A sparse file: no disk space used, and never read because its size alone refuses it.
    writeFileSync(file, '');
    truncateSync(file, MAX_BACKUP_JSON_BYTES + 2 * MiB);
    await expect(importBackup(other, PASSPHRASE, file)).rejects.toMatchObject({
      code: 'backup_too_large',
    });
  });

  it('refuses to export a vault whose backup import would refuse, and writes nothing', async () => {
    const size = (await snapshotJson()).length;
    const fresh = join(source.path, 'fresh.backup');
    await expect(
      exportBackup(vault, PASSPHRASE, fresh, { maxJsonBytes: size - 1 }),
    ).rejects.toMatchObject({ code: 'backup_too_large' });
    expect(readdirSync(source.path).filter((name) => name.startsWith('fresh'))).toEqual([]);
    await exportBackup(vault, PASSPHRASE, fresh, { maxJsonBytes: size });
    expect(await importBackup(other, PASSPHRASE, fresh)).toEqual({ accounts: 1 });
  });
});
