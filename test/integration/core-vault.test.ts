import { describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared/errors';
import { createTestCore } from '../../src-main/core/app';
import type { KeyProtector } from '../../src-main/core/host';
import { capturingLogger, recordingHost, tempDir } from '../support/test-host';
import {
  profile,
  tokenSet,
  cheapPassphraseProtector,
  CHEAP_SCRYPT_COST,
} from '../support/vault-fixtures';

/** What the desktop shell's protector does on Linux without a keyring (safeStorage basic_text). */
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

describe('core with its vault', () => {
  it('lists accounts through the contract without a single secret', async () => {
    const dir = tempDir();
    const { core } = await coreWith(dir.path, cheapPassphraseProtector('a long passphrase'));
    const tokens = tokenSet('listed');
    core.vault.require().accounts.saveConnection(profile('youtube', 'UC9'), tokens);
    const result = await core.dispatch('accounts.list', {});
    expect(result).toMatchObject({
      ok: true,
      value: [{ platform: 'youtube', displayName: 'Creator UC9', status: 'healthy' }],
    });
    expect(JSON.stringify(result)).not.toContain(tokens.accessToken);
    expect(JSON.stringify(result)).not.toContain(tokens.refreshToken);
    expect(await core.dispatch('vault.status', {})).toEqual({
      ok: true,
      value: { state: 'open', keyProtector: 'passphrase', error: null, exists: true },
    });
    await core.close();
    dir.remove();
  });

  it('answers an account’s audit trail, newest first, without a secret', async () => {
    const dir = tempDir();
    const { core } = await coreWith(dir.path, cheapPassphraseProtector('a long passphrase'));
    const tokens = tokenSet('audited');
    const account = core.vault.require().accounts.saveConnection(profile('x', 'a1'), tokens);
    const result = await core.dispatch('accounts.audit', { accountId: account.id });
    expect(result).toMatchObject({
      ok: true,
      value: [{ action: 'connect', outcome: 'ok', at: expect.stringMatching(/^\d{4}-/) }],
    });
    expect(JSON.stringify(result)).not.toContain(tokens.accessToken);
    expect(JSON.stringify(result)).not.toContain(tokens.refreshToken);
    expect(
      await core.dispatch('accounts.audit', { accountId: account.id, limit: 0 }),
    ).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await core.close();
    dir.remove();
  });

  it('rotates the vault key on request: the same tokens read back, the rotation audited', async () => {
    const dir = tempDir();
    const { core } = await coreWith(dir.path, cheapPassphraseProtector('a long passphrase'));
    const tokens = tokenSet('rotated');
    const account = core.vault.require().accounts.saveConnection(profile('x', 'r1'), tokens);
    const result = await core.dispatch('vault.rotateKey', {});
    expect(result).toMatchObject({ ok: true, value: { rotatedAt: expect.any(String) } });
    expect(core.vault.require().tokens.readSecrets(account.id)).toMatchObject({
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
    });
    expect(JSON.stringify(result)).not.toContain(tokens.accessToken);
    await core.close();
    dir.remove();
  });

  it('exports a backup into the data folder, lists it, and restores it all or nothing', async () => {
    const dir = tempDir();
    const { core } = await coreWith(dir.path, cheapPassphraseProtector('a long passphrase'));
    const tokens = tokenSet('backed-up');
    core.vault.require().accounts.saveConnection(profile('x', 'b1'), tokens);
    expect(await core.dispatch('vault.exportBackup', { passphrase: '        ' })).toMatchObject({
      ok: false,
      error: { code: 'passphrase_too_weak' },
    });
    const exported = await core.dispatch('vault.exportBackup', { passphrase: 'backup passphrase' });
    expect(exported).toMatchObject({ ok: true, value: { accounts: 1, unreadable: 0 } });
    const listed = await core.dispatch('vault.backups', {});
    expect(listed).toMatchObject({
      ok: true,
      value: [{ name: expect.stringMatching(/\.sbbackup$/) }],
    });
    const name = (listed as { value: { name: string }[] }).value[0]!.name;
    core.vault.require().accounts.saveConnection(profile('youtube', 'b2'), tokenSet('later'));
    expect(
      await core.dispatch('vault.importBackup', { name, passphrase: 'not the passphrase' }),
    ).toMatchObject({ ok: false, error: { code: 'backup_wrong_passphrase' } });
    expect(core.vault.require().accounts.list()).toHaveLength(2);
    expect(
      await core.dispatch('vault.importBackup', { name: '../vault.sqlite', passphrase: 'x' }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(
      await core.dispatch('vault.importBackup', { name, passphrase: 'backup passphrase' }),
    ).toMatchObject({ ok: true, value: { accounts: 1 } });
    expect(
      core.vault
        .require()
        .accounts.list()
        .map((account) => account.platform),
    ).toEqual(['x']);
    expect(JSON.stringify([exported, listed])).not.toContain(tokens.accessToken);
    await core.close();
    dir.remove();
  });

  it('says whether a locked vault exists yet, so the page asks a new passphrase twice', async () => {
    const dir = tempDir();
    const { core } = await coreWith(dir.path, insecureKeystore);
    expect(await core.dispatch('vault.status', {})).toMatchObject({
      ok: true,
      value: { state: 'locked', exists: false },
    });
    expect(await core.dispatch('vault.unlock', { passphrase: 'a new passphrase' })).toMatchObject({
      ok: true,
      value: { state: 'open', exists: true },
    });
    await core.close();
    const again = await coreWith(dir.path, insecureKeystore);
    expect(await again.core.dispatch('vault.status', {})).toMatchObject({
      ok: true,
      value: { state: 'locked', exists: true },
    });
    await again.core.close();
    dir.remove();
  });

  it('starts locked when the key store is insecure, explains why, and unlocks with a passphrase', async () => {
    const dir = tempDir();
    const first = await coreWith(dir.path, cheapPassphraseProtector('the right passphrase'));
    first.core.vault.require().accounts.saveConnection(profile('x', '1'), tokenSet('x'));
    await first.core.close();

    const { core, log } = await coreWith(dir.path, insecureKeystore);
    expect(await core.dispatch('vault.status', {})).toMatchObject({
      ok: true,
      value: {
        state: 'locked',
        error: { code: 'vault_insecure_keystore', message: expect.stringMatching(/passphrase/) },
      },
    });
    expect(await core.dispatch('accounts.list', {})).toMatchObject({
      ok: false,
      error: { code: 'vault_locked' },
    });

    const events: string[] = [];
    core.subscribe(({ event }) => events.push(event));
    expect(
      await core.dispatch('vault.unlock', { passphrase: 'the wrong passphrase' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'vault_wrong_key' },
    });
    expect(
      await core.dispatch('vault.unlock', { passphrase: 'the right passphrase' }),
    ).toMatchObject({
      ok: true,
      value: { state: 'open', keyProtector: 'passphrase' },
    });
    expect(events).toEqual(['vault.changed', 'accounts.changed']);
    // Open now: any passphrase, even a wrong one, answers already open and announces nothing.
    expect(
      await core.dispatch('vault.unlock', { passphrase: 'the wrong passphrase' }),
    ).toMatchObject({ ok: false, error: { code: 'vault_already_open' } });
    expect(events).toEqual(['vault.changed', 'accounts.changed']);
    expect(await core.dispatch('accounts.list', {})).toMatchObject({
      ok: true,
      value: [{ platform: 'x' }],
    });
    expect(log.lines.join('\n')).not.toContain('the right passphrase');
    expect(log.lines.join('\n')).not.toContain('the wrong passphrase');
    await core.close();
    dir.remove();
  });

  it('refuses to start when another instance holds the vault — not a locked state the UI could fix', async () => {
    const dir = tempDir();
    const running = await coreWith(dir.path, cheapPassphraseProtector('a long passphrase'));
    await expect(
      coreWith(dir.path, cheapPassphraseProtector('a long passphrase')),
    ).rejects.toMatchObject({ code: 'vault_busy' });
    await running.core.close();
    dir.remove();
  });
});
