import { readFileSync } from 'node:fs';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';

const projectDir = new URL('../..', import.meta.url).pathname;

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validator", async () => {
    const config = await getConfig(projectDir, 'electron-builder.yml', null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // Packaging must never rebuild native modules here: it would label a Node-ABI binary as Electron's.
    expect(config.npmRebuild).toBe(false);
    expect(config.mac?.target).toBe('dmg');
    expect(config.win?.target).toBe('nsis');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
  });

  it('would catch a mistyped option', async () => {
    const config = await getConfig(projectDir, 'electron-builder.yml', null);
    const broken = { ...config, linux: { ...config.linux, targett: 'deb' } };
    await expect(validateConfiguration(broken as never, new DebugLogger(false))).rejects.toThrow(
      /configuration/i,
    );
  });

  it('gives the deb target the homepage and author email it needs', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author.email).toMatch(/@/);
  });
});
