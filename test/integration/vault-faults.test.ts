import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { openVault, VAULT_FILE } from '../../src-main/core/vault/vault';
import { bundleChild, exitOf, startChild } from '../support/child-script';
import { tempDir } from '../support/test-host';
import {
  newKey,
  openTestVault,
  profile,
  tokenSet,
  watchEventLoop,
  cheapPassphraseProtector,
} from '../support/vault-fixtures';

const fingerprint = (dataDir: string) =>
  readdirSync(dataDir)
    .sort()
    .map(
      (name) =>
        `${name}:${createHash('sha256')
          .update(readFileSync(join(dataDir, name)))
          .digest('hex')}`,
    )
    .join('\n');

let child: string;
beforeAll(async () => {
  child = await bundleChild(new URL('../support/vault-child.ts', import.meta.url));
});

describe('vault faults', () => {
  it('refuses a wrong key or passphrase and changes nothing', async () => {
    const dir = tempDir();
    const vault = await openVault({
      dataDir: dir.path,
      keyProtector: cheapPassphraseProtector('right passphrase'),
    });
    vault.accounts.saveConnection(profile('x', '1'), tokenSet('x'));
    vault.close();
    const before = fingerprint(dir.path);
    await expect(
      openVault({ dataDir: dir.path, keyProtector: cheapPassphraseProtector('wrong passphrase') }),
    ).rejects.toMatchObject({
      code: 'vault_wrong_key',
    });
    await expect(openTestVault(dir.path, newKey())).rejects.toMatchObject({
      code: 'vault_wrong_key',
    });
    expect(fingerprint(dir.path).split('\n')).toEqual(before.split('\n'));
    const reopened = await openVault({
      dataDir: dir.path,
      keyProtector: cheapPassphraseProtector('right passphrase'),
    });
    expect(reopened.accounts.list()).toHaveLength(1);
    reopened.close();
    dir.remove();
  });

  it('refuses a vault written by a newer Switchboard, untouched', async () => {
    const dir = tempDir();
    const key = newKey();
    (await openTestVault(dir.path, key)).close();
    const db = new Database(join(dir.path, VAULT_FILE));
    db.prepare('UPDATE schema_version SET version = 999').run();
    db.close();
    const before = fingerprint(dir.path);
    await expect(openTestVault(dir.path, key)).rejects.toMatchObject({
      code: 'vault_newer_schema',
      message: expect.stringContaining('Update the app'),
    });
    expect(fingerprint(dir.path).split('\n')).toEqual(before.split('\n'));
    dir.remove();
  });

  it('reports a vault held by another running instance as vault_busy, after waiting without blocking', async () => {
    const dir = tempDir();
    const key = newKey();
    (await openTestVault(dir.path, key)).close();
    const holder = await startChild(child, ['hold', dir.path, key], 'held');
    const loop = watchEventLoop();
    const started = performance.now();
    await expect(openTestVault(dir.path, key)).rejects.toMatchObject({ code: 'vault_busy' });
    // It waited for the lock about 2 s — without freezing the event loop meanwhile.
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_900);
    expect(loop.stop()).toBeLessThan(500);
    holder.child.kill('SIGKILL');
    await exitOf(holder.child);
    // The lock dies with its process: the vault opens again.
    const vault = await openTestVault(dir.path, key);
    vault.close();
    dir.remove();
  });

  it('reports a file that is not a vault as vault_unreadable and leaves it alone', async () => {
    const dir = tempDir();
    const garbage = Buffer.alloc(8192, 0x5a);
    writeFileSync(join(dir.path, VAULT_FILE), garbage);
    await expect(openTestVault(dir.path)).rejects.toMatchObject({ code: 'vault_unreadable' });
    expect(readFileSync(join(dir.path, VAULT_FILE)).equals(garbage)).toBe(true);
    dir.remove();
  });

  it('on a full disk a rotation fails with vault_disk_full and the old tokens stay whole', async () => {
    const dir = tempDir();
    const vault = await openTestVault(dir.path);
    const original = tokenSet('orig');
    const { id } = vault.accounts.saveConnection(profile('tiktok', 'full'), original);
    // SQLite's page cap answers exactly as a full disk does (SQLITE_FULL).
    const pages = vault.db.pragma('page_count', { simple: true }) as number;
    vault.db.pragma(`max_page_count = ${pages}`);
    const huge = {
      ...tokenSet('huge'),
      accessToken: 'A'.repeat(64 * 1024),
      refreshToken: 'R'.repeat(64 * 1024),
    };
    expect(() => vault.tokens.storeRotation(id, huge)).toThrow(
      expect.objectContaining({ code: 'vault_disk_full' }),
    );
    expect(vault.tokens.readSecrets(id)).toMatchObject({
      accessToken: original.accessToken,
      refreshToken: original.refreshToken,
      generation: 1,
    });
    vault.close();
    dir.remove();
  });

  it('a process killed mid-rotation, many times, leaves the old or the new pair — never a mix, never nothing', async () => {
    const dir = tempDir();
    const key = newKey();
    let vault = await openTestVault(dir.path, key);
    const { id } = vault.accounts.saveConnection(profile('x', 'killme'), {
      ...tokenSet('0'),
      accessToken: 'access-1-x',
      refreshToken: 'refresh-1-x',
    });
    vault.close();
    const KILLS = 25;
    let lastSeen = 1;
    for (let kill = 0; kill < KILLS; kill++) {
      const rotating = await startChild(child, ['rotate', dir.path, key, id], 'rotating');
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 120));
      rotating.child.kill('SIGKILL');
      await exitOf(rotating.child);
      vault = await openTestVault(dir.path, key);
      const secrets = vault.tokens.readSecrets(id);
      const accessN = Number(/^access-(\d+)-/.exec(secrets.accessToken)?.[1]);
      const refreshN = Number(/^refresh-(\d+)-/.exec(secrets.refreshToken ?? '')?.[1]);
      expect(accessN, `kill ${kill}`).toBe(refreshN);
      expect(secrets.generation, `kill ${kill}`).toBe(accessN);
      expect(accessN).toBeGreaterThanOrEqual(lastSeen);
      lastSeen = accessN;
      expect(vault.accounts.list()).toHaveLength(1);
      vault.close();
    }
    // The children did rotate (the test would prove nothing if every kill came first).
    expect(lastSeen).toBeGreaterThan(KILLS);
    dir.remove();
  }, 60_000);
});
