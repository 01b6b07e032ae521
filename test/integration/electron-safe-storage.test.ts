import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { safeStorageKeyProtector } from '../../src-main/electron/safe-storage-key';
import { electronDouble } from '../support/electron-double';
import { launchDesktop } from '../support/electron-shell';

// The vault key's protector against the double's safeStorage, whose `basic_text` backend
// "works" the way Chromium's does (a fixed key): only the protector's refusal keeps it out.
vi.mock('electron', async () => (await import('../support/electron-double')).electronModule);
vi.mock('electron-store', async () => ({
  default: (await import('../support/electron-double')).ElectronStoreDouble,
}));

const dataKey = randomBytes(32);
beforeEach(() => {
  electronDouble.reset();
  electronDouble.fireReady();
});

describe('the safeStorage key protector', () => {
  it('wraps and unwraps with a real keyring, never storing the key in the clear', async () => {
    const protector = safeStorageKeyProtector('linux');
    expect(protector.kind).toBe('safeStorage:gnome_libsecret');
    expect(await protector.isAvailable()).toBe(true);
    const wrapped = await protector.wrap(dataKey);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(wrapped.toString('latin1')).not.toContain(dataKey.toString('base64'));
    expect((await protector.unwrap(wrapped)).equals(dataKey)).toBe(true);
  });

  it('refuses basic_text: not available, and never wraps or unwraps with it', async () => {
    electronDouble.state.backend = 'basic_text';
    const protector = safeStorageKeyProtector('linux');
    expect(protector.kind).toBe('safeStorage:basic_text');
    expect(await protector.isAvailable()).toBe(false);
    await expect(protector.wrap(dataKey)).rejects.toMatchObject({
      code: 'vault_insecure_keystore',
    });
    await expect(protector.unwrap(Buffer.from('v11whatever'))).rejects.toMatchObject({
      code: 'vault_insecure_keystore',
    });
  });

  it('refuses a backend it cannot name (asked before ready)', async () => {
    electronDouble.reset();
    const protector = safeStorageKeyProtector('linux');
    expect(protector.kind).toBe('safeStorage:unknown');
    expect(await protector.isAvailable()).toBe(false);
    await expect(protector.wrap(dataKey)).rejects.toMatchObject({
      code: 'vault_insecure_keystore',
    });
  });

  it('trusts the OS store on macOS and Windows', async () => {
    electronDouble.state.backend = 'basic_text'; // a Linux-only answer; ignored elsewhere
    for (const platform of ['darwin', 'win32'] as const) {
      const protector = safeStorageKeyProtector(platform);
      expect(protector.kind).toBe('safeStorage:os');
      expect(await protector.isAvailable()).toBe(true);
    }
  });

  it('reports a key wrapped by another keyring as the wrong key', async () => {
    const wrapped = await safeStorageKeyProtector('linux').wrap(dataKey);
    electronDouble.state.keyringSecret = randomBytes(32);
    await expect(safeStorageKeyProtector('linux').unwrap(wrapped)).rejects.toMatchObject({
      code: 'vault_wrong_key',
    });
  });
});

describe('the desktop on a Linux session without a keyring', () => {
  it.runIf(process.platform === 'linux')(
    'starts with the vault locked, asking for a passphrase',
    async () => {
      const desktop = launchDesktop({ backend: 'basic_text' });
      const core = (await desktop.run.started)!;
      expect(core.vault.status()).toMatchObject({
        state: 'locked',
        keyProtector: 'safeStorage:basic_text',
        error: { code: 'vault_insecure_keystore' },
      });
      await desktop.shutdown();
    },
  );
});
