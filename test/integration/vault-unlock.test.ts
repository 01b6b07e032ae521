import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import type { KeyProtector } from '../../src-main/core/host';
import { createVaultGate, unlockDelayMs } from '../../src-main/core/vault/vault-gate';
import { VAULT_FILE } from '../../src-main/core/vault/vault';
import { capturingLogger, tempDir } from '../support/test-host';
import {
  CHEAP_SCRYPT_COST,
  openTestVault,
  profile,
  tokenSet,
  watchEventLoop,
  wrapWithPassphrase,
} from '../support/vault-fixtures';

const PASSPHRASE = 'the creator passphrase';

/** The desktop shell's protector on Linux without a keyring: the gate starts locked. */
const insecureKeystore: KeyProtector = {
  kind: 'safeStorage:basic_text',
  isAvailable: async () => false,
  wrap: async () => {
    throw new AppError('vault_insecure_keystore');
  },
  unwrap: async () => {
    throw new AppError('vault_insecure_keystore');
  },
};

const dirs: ReturnType<typeof tempDir>[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => dir.remove()));

/** A data folder holding a vault with one account, its key wrapped under PASSPHRASE. */
async function passphraseVault(cost: Parameters<typeof wrapWithPassphrase>[2]) {
  const dir = tempDir();
  dirs.push(dir);
  const vault = await openTestVault(dir.path);
  vault.accounts.saveConnection(profile('x', 'locked'), tokenSet('locked'));
  await wrapWithPassphrase(vault, PASSPHRASE, cost);
  vault.close();
  return dir.path;
}

async function lockedGate(dataDir: string, wait?: (ms: number) => Promise<void>) {
  const gate = createVaultGate({
    dataDir,
    keyProtector: insecureKeystore,
    log: capturingLogger(),
    ...(wait ? { wait } : {}),
  });
  await gate.open();
  expect(gate.status().state).toBe('locked');
  return gate;
}

describe('vault gate: unlocking', () => {
  it('eight parallel unlocks with the right passphrase: one opens, the rest answer already open, and the event loop keeps turning', async () => {
    // Today's cost (N=2^17): the unlock takes as long as it will for a creator.
    const dataDir = await passphraseVault({ log2N: 17, r: 8, p: 1 });
    const gate = await lockedGate(dataDir);
    const loop = watchEventLoop();
    const started = performance.now();
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => gate.unlockWithPassphrase(PASSPHRASE)),
    );
    const elapsed = performance.now() - started;
    const stalled = loop.stop();
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect(result).toMatchObject({ reason: { code: 'vault_already_open' } });
    }
    expect(gate.status()).toMatchObject({ state: 'open', keyProtector: 'passphrase', error: null });
    expect(gate.require().accounts.list()).toHaveLength(1);
    // One scrypt derivation, not eight; and never a synchronous wait for a lock.
    expect(elapsed).toBeLessThan(5_000);
    expect(stalled).toBeLessThan(1_000);
    gate.close();
  });

  it('waits longer before each attempt after wrong passphrases, and not at all after a right one', async () => {
    const dataDir = await passphraseVault(CHEAP_SCRYPT_COST);
    const waits: number[] = [];
    const gate = await lockedGate(dataDir, async (ms) => {
      waits.push(ms);
    });
    // Parallel guesses queue up: each pays the growing wait in turn.
    const guesses = await Promise.allSettled(
      ['wrong guess 1', 'wrong guess 2', 'wrong guess 3'].map((guess) =>
        gate.unlockWithPassphrase(guess),
      ),
    );
    for (const guess of guesses) {
      expect(guess).toMatchObject({ status: 'rejected', reason: { code: 'vault_wrong_key' } });
    }
    expect(waits).toEqual([500, 1_000]);
    await gate.unlockWithPassphrase(PASSPHRASE);
    expect(waits).toEqual([500, 1_000, 2_000]);
    expect(gate.status().state).toBe('open');
    gate.close();
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(unlockDelayMs)).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
    expect(unlockDelayMs(0)).toBe(0);
  });

  it('an open vault answers vault_already_open to any passphrase, right or wrong, without a wait', async () => {
    const dataDir = await passphraseVault(CHEAP_SCRYPT_COST);
    const waits: number[] = [];
    const gate = await lockedGate(dataDir, async (ms) => {
      waits.push(ms);
    });
    await gate.unlockWithPassphrase(PASSPHRASE);
    for (const passphrase of [PASSPHRASE, 'not the passphrase at all']) {
      await expect(gate.unlockWithPassphrase(passphrase)).rejects.toMatchObject({
        code: 'vault_already_open',
      });
    }
    expect(waits).toEqual([]);
    expect(gate.status()).toMatchObject({ state: 'open', error: null });
    gate.close();
  });

  it('the wait after a wrong passphrase is real and does not block the event loop', async () => {
    const dataDir = await passphraseVault(CHEAP_SCRYPT_COST);
    const gate = await lockedGate(dataDir);
    await expect(gate.unlockWithPassphrase('a wrong passphrase')).rejects.toMatchObject({
      code: 'vault_wrong_key',
    });
    const loop = watchEventLoop();
    const started = performance.now();
    // A cheap wrap: the derivation takes milliseconds, so the time measured is the wait.
    await expect(gate.unlockWithPassphrase('another wrong one')).rejects.toMatchObject({
      code: 'vault_wrong_key',
    });
    const elapsed = performance.now() - started;
    expect(loop.stop()).toBeLessThan(250);
    expect(elapsed).toBeGreaterThanOrEqual(490);
    gate.close();
  });

  it('refuses a weak passphrase with passphrase_too_weak: no vault created, no attempt counted', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const waits: number[] = [];
    // Not opened first: a new data folder, where a passphrase would create the vault.
    const gate = createVaultGate({
      dataDir: dir.path,
      keyProtector: insecureKeystore,
      log: capturingLogger(),
      wait: async (ms) => {
        waits.push(ms);
      },
    });
    for (const weak of ['x', ' ', '        ', 'short']) {
      await expect(gate.unlockWithPassphrase(weak)).rejects.toMatchObject({
        code: 'passphrase_too_weak',
        message: expect.stringContaining('at least 8 characters'),
      });
    }
    expect(existsSync(join(dir.path, VAULT_FILE))).toBe(false);
    expect(waits).toEqual([]);
    gate.close();
  });
});
