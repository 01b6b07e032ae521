import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { listPackage } from '@electron/asar';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/test-host';
import { fileURLToPath } from 'node:url';

const projectDir = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const work = tempDir('switchboard-package-');
afterAll(() => work.remove());

// @electron/fuses' V1 wire: a sentinel, version 1, a length, then one byte per fuse ('0'/'1').
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
];
const ELECTRON_DEFAULTS = '10110001';
const standInElectron = () =>
  Buffer.concat([
    Buffer.from('\x7fELF stand-in '),
    Buffer.from(SENTINEL),
    Buffer.from([1, FUSES.length]),
    Buffer.from(ELECTRON_DEFAULTS),
  ]);
function fuseWire(binary: Buffer): Record<string, string> {
  const at = binary.indexOf(SENTINEL) + SENTINEL.length;
  expect(binary[at]).toBe(1);
  const wire = binary.subarray(at + 2, at + 2 + binary[at + 1]!).toString('latin1');
  return Object.fromEntries(FUSES.map((name, i) => [name, wire[i] === '1' ? 'on' : 'off']));
}

describe('packaging with electron-builder (--dir, offline)', () => {
  it('packs the built app into app.asar with the native module unpacked', async () => {
    if (!existsSync(join(projectDir, 'dist/electron/main.mjs')))
      throw new Error('Run `npm run build` first.');
    // A stand-in for the Electron runtime, which cannot be downloaded here: the layout is what is
    // checked, and the fuse wire it carries (Electron 45's defaults) is what the fuses flip.
    const electronDist = join(work.path, 'electron');
    mkdirSync(electronDist);
    writeFileSync(join(electronDist, 'electron'), standInElectron());
    chmodSync(join(electronDist, 'electron'), 0o755);
    const output = join(work.path, 'out');
    await run(
      process.execPath,
      [
        join(projectDir, 'node_modules/electron-builder/cli.js'),
        '--dir',
        '--linux',
        '--x64',
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${output}`,
      ],
      { cwd: projectDir, env: { ...process.env, CI: 'true' } },
    );
    const fuses = fuseWire(readFileSync(join(output, 'linux-unpacked', 'switchboard')));
    expect(fuses).toEqual({
      runAsNode: 'off',
      enableCookieEncryption: 'on',
      enableNodeOptionsEnvironmentVariable: 'off',
      enableNodeCliInspectArguments: 'off',
      enableEmbeddedAsarIntegrityValidation: 'on',
      onlyLoadAppFromAsar: 'on',
      loadBrowserProcessSpecificV8Snapshot: 'off',
      grantFileProtocolExtraPrivileges: 'off',
    });
    const resources = join(output, 'linux-unpacked', 'resources');
    // The update feed from electron-builder.yml, where electron-updater looks for it.
    expect(readFileSync(join(resources, 'app-update.yml'), 'utf8')).toMatch(
      /provider: generic\s+url: https:\/\/switchboard\.app\/releases/,
    );
    const files = listPackage(join(resources, 'app.asar'), { isPack: false }).map((file) =>
      file.replaceAll('\\', '/'),
    );
    for (const needed of [
      '/package.json',
      '/dist/electron/main.mjs',
      '/dist/electron/preload.cjs',
      '/dist/renderer/index.html',
      '/resources/tray-ok.png',
      '/resources/tray-warning.png',
      '/resources/tray-error.png',
      '/node_modules/better-sqlite3/package.json',
      '/node_modules/electron-store/package.json',
      '/node_modules/electron-updater/package.json',
    ]) {
      expect(files, needed).toContain(needed);
    }
    // Nothing the app does not run: sources, tests, benchmarks, serve mode, build tools.
    expect(
      files.filter((file) => /^\/(src-|test|bench|dist\/bench|dist\/serve)/.test(file)),
    ).toEqual([]);
    expect(files.some((file) => file.startsWith('/node_modules/electron-builder/'))).toBe(false);
    expect(files.some((file) => file.startsWith('/node_modules/react/'))).toBe(false);
    // A .node file cannot load from inside an archive.
    expect(
      existsSync(
        join(
          resources,
          'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
        ),
      ),
    ).toBe(true);
  }, 120_000);
});
