import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestCore } from '../../src-main/core/app';
import type { KeyProtector } from '../../src-main/core/host';
import { rawKeyProtector } from '../../src-main/core/vault/key-protectors';
import { openVault, VAULT_FILE } from '../../src-main/core/vault/vault';
import { capturingLogger, recordingHost, tempDir } from '../support/test-host';
import {
  profile,
  tokenSet,
  cheapPassphraseProtector,
  CHEAP_SCRYPT_COST,
} from '../support/vault-fixtures';

const OLD = 'the old passphrase';
const NEW = 'a brand new passphrase';

async function coreWith(dataDir: string, keyProtector: KeyProtector) {
  const { host } = recordingHost();
  const log = capturingLogger();
  const core = await createTestCore(
    { dataDir, metricsPort: 0 },
    { ...host, keyProtector },
    { log, scryptCost: CHEAP_SCRYPT_COST },
  );
  return { core, log };
}

/** A consistent copy of the open vault, as a backup or a synced folder would hold it. */
function copyVault(db: Database.Database, root: string): string {
  const dir = join(root, 'copy');
  mkdirSync(dir);
  db.exec(`VACUUM INTO '${join(dir, VAULT_FILE)}'`);
  return dir;
}

/** The data key a passphrase unwraps from a vault file's current wrap. */
async function dataKey(dir: string, passphrase: string): Promise<Buffer> {
  const db = new Database(join(dir, VAULT_FILE), { readonly: true });
  try {
    const row = db.prepare('SELECT wrapped FROM vault_keys WHERE is_current = 1').get() as {
      wrapped: Buffer;
    };
    return await cheapPassphraseProtector(passphrase).unwrap(row.wrapped);
  } finally {
    db.close();
  }
}

/** The scrypt cost bytes (log2N, r, p) stored in a vault file's current wrap. */
function storedCost(dir: string): number[] {
  const db = new Database(join(dir, VAULT_FILE), { readonly: true });
  try {
    const row = db.prepare('SELECT wrapped FROM vault_keys WHERE is_current = 1').get() as {
      wrapped: Buffer;
    };
    return [...row.wrapped.subarray(5, 8)];
  } finally {
    db.close();
  }
}

async function opensWith(dir: string, passphrase: string): Promise<string> {
  try {
    const vault = await openVault({
      dataDir: dir,
      keyProtector: cheapPassphraseProtector(passphrase),
    });
    vault.close();
    return 'open';
  } catch (failure) {
    return (failure as { code?: string }).code ?? 'thrown';
  }
}

describe('vault.changePassphrase', () => {
  it.each([false, true])(
    'with rotateKey %s: reopens with the new passphrase only; an old copy stays the old one',
    async (rotateKey) => {
      const root = tempDir();
      const dir = join(root.path, 'data');
      const { core, log } = await coreWith(dir, cheapPassphraseProtector(OLD));
      const tokens = tokenSet('kept');
      const account = core.vault.require().accounts.saveConnection(profile('x', 'a1'), tokens);
      const copy = copyVault(core.vault.require().db, root.path);

      const result = await core.dispatch('vault.changePassphrase', {
        current: OLD,
        next: NEW,
        rotateKey,
      });
      expect(result).toMatchObject({
        ok: true,
        value: { state: 'open', keyProtector: 'passphrase' },
      });
      expect(core.vault.require().tokens.readSecrets(account.id).accessToken).toBe(
        tokens.accessToken,
      );
      expect(JSON.stringify(log.lines)).not.toContain(NEW);
      await core.close();

      // The new wrap was made at the cost the core was given (the test's cheap one).
      const { log2N, r, p } = CHEAP_SCRYPT_COST;
      expect(storedCost(dir)).toEqual([log2N, r, p]);
      expect(await opensWith(dir, NEW)).toBe('open');
      expect(await opensWith(dir, OLD)).toBe('vault_wrong_key');
      // The copy taken before the change keeps the old passphrase and never takes the new one.
      expect(await opensWith(copy, NEW)).toBe('vault_wrong_key');
      expect(await opensWith(copy, OLD)).toBe('open');
      // Only a rotation leaves the old copy's key useless against the current file.
      const same = (await dataKey(dir, NEW)).equals(await dataKey(copy, OLD));
      expect(same).toBe(!rotateKey);
      root.remove();
    },
  );

  it('refuses a wrong current passphrase with a stable code and changes nothing', async () => {
    const dir = tempDir();
    const { core } = await coreWith(dir.path, cheapPassphraseProtector(OLD));
    const wrap = () =>
      core.vault.require().db.prepare('SELECT version, wrapped FROM vault_keys').all();
    const before = wrap();
    expect(
      await core.dispatch('vault.changePassphrase', {
        current: 'not the passphrase',
        next: NEW,
        rotateKey: true,
      }),
    ).toMatchObject({ ok: false, error: { code: 'passphrase_current_wrong' } });
    expect(wrap()).toEqual(before);
    await core.close();
    expect(await opensWith(dir.path, OLD)).toBe('open');
    expect(await opensWith(dir.path, NEW)).toBe('vault_wrong_key');
    dir.remove();
  });

  it('refuses a weak new passphrase with passphrase_too_weak and changes nothing', async () => {
    const dir = tempDir();
    const { core } = await coreWith(dir.path, cheapPassphraseProtector(OLD));
    for (const next of ['short', '          ']) {
      expect(
        await core.dispatch('vault.changePassphrase', { current: OLD, next, rotateKey: false }),
      ).toMatchObject({ ok: false, error: { code: 'passphrase_too_weak' } });
    }
    await core.close();
    expect(await opensWith(dir.path, OLD)).toBe('open');
    dir.remove();
  });

  it('moves a vault kept by a raw key to a passphrase without asking for a current one', async () => {
    const dir = tempDir();
    const { core } = await coreWith(dir.path, rawKeyProtector('11'.repeat(32)));
    expect(
      await core.dispatch('vault.changePassphrase', { current: '', next: NEW, rotateKey: false }),
    ).toMatchObject({ ok: true, value: { state: 'open', keyProtector: 'passphrase' } });
    await core.close();
    expect(await opensWith(dir.path, NEW)).toBe('open');
    dir.remove();
  });
});
