import { readFileSync } from 'node:fs';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

const projectDir = fileURLToPath(new URL('../..', import.meta.url));
const load = () => getConfig(projectDir, 'electron-builder.yml', null);

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validator", async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // Packaging must never rebuild native modules here: it would label a Node-ABI binary as Electron's.
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('would catch a mistyped option', async () => {
    const config = await load();
    const broken = { ...config, linux: { ...config.linux, targett: 'deb' } };
    await expect(validateConfiguration(broken as never, new DebugLogger(false))).rejects.toThrow(
      /configuration/i,
    );
  });

  it('builds dmg + zip (hardened, entitled, notarized when credentials are present)', async () => {
    const { mac } = await load();
    expect(mac?.target).toEqual(['dmg', 'zip']);
    expect(mac?.hardenedRuntime).toBe(true);
    expect(mac?.notarize).toBe(true);
    expect(mac?.entitlements).toBe('resources/entitlements.mac.plist');
    expect(mac?.entitlementsInherit).toBe('resources/entitlements.mac.plist');
    // The hardened runtime's one exception Electron needs; nothing that loads foreign code.
    const entitlements = readFileSync(`${projectDir}resources/entitlements.mac.plist`, 'utf8');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
    expect(entitlements).not.toContain('disable-library-validation');
  });

  it('installs per user on Windows, without administrator rights, keeping the vault', async () => {
    const { win, nsis } = await load();
    expect(win?.target).toBe('nsis');
    expect(nsis).toMatchObject({
      oneClick: true,
      perMachine: false,
      deleteAppDataOnUninstall: false,
    });
  });

  it('builds AppImage + deb with a category, maintainer and libsecret for the keyring', async () => {
    const { linux, deb } = await load();
    expect(linux?.target).toEqual(['AppImage', 'deb']);
    expect(linux?.category).toBe('Utility');
    expect(linux?.maintainer).toMatch(/<.+@.+>/);
    expect(deb?.depends).toContain('libsecret-1-0');
    const pkg = JSON.parse(readFileSync(`${projectDir}package.json`, 'utf8'));
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author.email).toMatch(/@/);
  });

  it('takes every icon from one source of at least 512 px', async () => {
    const config = await load();
    expect(config.icon).toBe('resources/icon.png');
    for (const platform of ['mac', 'win', 'linux'] as const)
      expect(config[platform]?.icon, platform).toBeUndefined();
    const png = readFileSync(`${projectDir}resources/icon.png`);
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(512);
  });

  it('burns the security fuses into the packaged Electron', async () => {
    expect((await load()).electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
