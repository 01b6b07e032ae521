import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportBackup } from '../../src-main/core/vault/backup';
import { WAL_SIZE_LIMIT_BYTES } from '../../src-main/core/vault/database';
import { VAULT_FILE } from '../../src-main/core/vault/vault';
import { bundleChild, exitOf, startChild } from '../support/child-script';
import { tempDir } from '../support/test-host';
import { newKey, openTestVault, profile, tokenSet } from '../support/vault-fixtures';

const WAL_FILE = `${VAULT_FILE}-wal`;
const BACKUP_PASSPHRASE = 'backup passphrase 2026';

let child: string;
beforeAll(async () => {
  child = await bundleChild(new URL('../support/vault-child.ts', import.meta.url));
});

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));
const newDir = () => {
  const dir = tempDir();
  dirs.push(dir);
  return dir;
};

const fileBytes = (path: string) => (existsSync(path) ? readFileSync(path) : Buffer.alloc(0));

/**
 * Runs `scrub <op>` in a child: it writes secrets, runs the operation, says `done` and is killed
 * with SIGKILL at once — no clean close, no checkpoint on the way out. Returns the stored bytes
 * the operation retired, and what the WAL and the database file hold afterwards.
 */
async function killedAfter(op: string, ...args: string[]) {
  const dir = newDir();
  const running = await startChild(child, ['scrub', dir.path, newKey(), op, ...args], 'done');
  running.child.kill('SIGKILL');
  await exitOf(running.child);
  const needles = (JSON.parse(/needles (.*)/.exec(running.output())![1]!) as string[]).map((hex) =>
    Buffer.from(hex, 'hex'),
  );
  expect(needles.length).toBeGreaterThan(0);
  return {
    needles,
    wal: fileBytes(join(dir.path, WAL_FILE)),
    database: fileBytes(join(dir.path, VAULT_FILE)),
  };
}

const found = (haystack: Buffer, needles: Buffer[]) =>
  needles.filter((needle) => haystack.includes(needle)).length;

describe('vault WAL after operations that retire secrets, and a SIGKILL right after', () => {
  it('control: without such an operation the killed process leaves the secrets in the WAL', async () => {
    const { needles, wal } = await killedAfter('none');
    // Proves the scan below reads what was written: every stored secret is in the WAL.
    expect(found(wal, needles)).toBe(needles.length);
  });

  it.each([
    ['disconnect', 'the deleted account’s token ciphertexts', []],
    ['rotate-key', 'every ciphertext under the old key, and the old wrapped key', []],
    ['rewrap', 'the data key wrapped under the old protector', [newKey()]],
    ['change-passphrase-rotate', 'the old wrap and every old ciphertext', [newKey()]],
  ] as const)('%s leaves nothing of %s in the WAL or the file', async (op, _what, args) => {
    const { needles, wal, database } = await killedAfter(op, ...args);
    expect(found(wal, needles), `${op}: WAL`).toBe(0);
    expect(found(database, needles), `${op}: database file`).toBe(0);
  });

  it('backup import leaves nothing of the replaced secrets in the WAL or the file', async () => {
    const source = newDir();
    const vault = await openTestVault(source.path);
    vault.accounts.saveConnection(profile('tiktok', 'from-backup'), tokenSet('from-backup'));
    const file = join(source.path, 'switchboard.backup');
    await exportBackup(vault, BACKUP_PASSPHRASE, file);
    vault.close();
    const { needles, wal, database } = await killedAfter('import', file, BACKUP_PASSPHRASE);
    expect(found(wal, needles)).toBe(0);
    expect(found(database, needles)).toBe(0);
  });
});

describe('vault WAL size and durability settings', () => {
  it('reads back synchronous=FULL, secure_delete=ON, WAL mode and the journal size limit', async () => {
    const dir = newDir();
    const vault = await openTestVault(dir.path);
    expect(vault.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(vault.db.pragma('secure_delete', { simple: true })).toBe(1);
    expect(vault.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(vault.db.pragma('journal_size_limit', { simple: true })).toBe(WAL_SIZE_LIMIT_BYTES);
    vault.close();
  });

  it('cuts the WAL back to its limit after a checkpoint, instead of keeping its largest size', async () => {
    const dir = newDir();
    const vault = await openTestVault(dir.path);
    const { id } = vault.accounts.saveConnection(profile('x', 'big'), tokenSet('big'));
    // One transaction far larger than the limit: the WAL has to grow past it.
    vault.db.transaction(() => {
      for (let i = 0; i < 400; i++)
        vault.usage.recordRateLimit(id, `e${i}-${'x'.repeat(8000)}`, {
          limit: i,
          remaining: i,
          resetAt: null,
        });
    })();
    const wal = join(dir.path, WAL_FILE);
    expect(statSync(wal).size).toBeGreaterThan(3 * WAL_SIZE_LIMIT_BYTES);
    // The automatic checkpoint ran after that commit; the next write starts the WAL over.
    vault.db.pragma('wal_checkpoint(PASSIVE)');
    vault.tokens.storeRotation(id, tokenSet('after'));
    expect(statSync(wal).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
    vault.close();
  });
});
