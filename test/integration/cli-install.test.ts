import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { installCommand } from '../../src-main/core/tools/command-install';
import { commandEntryOf } from '../../src-main/electron/command-entry';
import { createTestCore } from '../../src-main/core/app';
import { bundleChild } from '../support/child-script';
import { capturingLogger, recordingHost, tempDir } from '../support/test-host';

// Settings → Tools' "Install the switchboard command": a launcher in the creator's own bin folder.
let entry: string;
beforeAll(async () => {
  entry = await bundleChild(new URL('../../src-main/cli/switchboard.ts', import.meta.url));
}, 60_000);

describe('installing the switchboard command', () => {
  it('puts a launcher in ~/.local/bin that runs the bundled command', () => {
    const home = tempDir().path;
    const bin = join(home, '.local', 'bin');
    const installed = installCommand(entry, {
      platform: 'linux',
      home,
      env: { PATH: `${bin}:/usr/bin` },
    });
    expect(installed).toEqual({ path: join(bin, 'switchboard'), onPath: true });
    expect(statSync(installed.path).mode & 0o777).toBe(0o755);
    const run = spawnSync(installed.path, ['--help'], {
      env: { PATH: `${dirname(process.execPath)}:/usr/bin:/bin` },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: switchboard <command>');
    // Installing again replaces its own launcher; a PATH without the folder is said so.
    expect(
      installCommand(entry, { platform: 'linux', home, env: { PATH: '/usr/bin' } }).onPath,
    ).toBe(false);
  });

  it('never overwrites a switchboard it did not write', () => {
    const home = tempDir().path;
    const first = installCommand(entry, { platform: 'linux', home, env: {} });
    writeFileSync(first.path, '#!/bin/sh\necho mine\n');
    expect(() => installCommand(entry, { platform: 'linux', home, env: {} })).toThrow(
      expect.objectContaining({ code: 'command_install_conflict' }),
    );
    expect(readFileSync(first.path, 'utf8')).toBe('#!/bin/sh\necho mine\n');
  });

  it('on Windows writes switchboard.cmd into the per-user WindowsApps folder', () => {
    const home = tempDir().path;
    const local = join(home, 'AppData', 'Local');
    const apps = join(local, 'Microsoft', 'WindowsApps');
    const installed = installCommand(entry, {
      platform: 'win32',
      home,
      env: { LOCALAPPDATA: local, Path: `C:\\Windows;${apps}` },
    });
    expect(installed).toEqual({ path: join(apps, 'switchboard.cmd'), onPath: true });
    expect(readFileSync(installed.path, 'utf8')).toContain(`node "${entry}" %*`);
  });

  it('a build without the command says so, and the packaged path is the unpacked copy', async () => {
    expect(() => installCommand(undefined)).toThrow(
      expect.objectContaining({ code: 'command_unavailable' }),
    );
    const dir = tempDir();
    const core = await createTestCore({ dataDir: dir.path, metricsPort: 0 }, recordingHost().host, {
      log: capturingLogger(),
    });
    try {
      const result = await core.dispatch('tools.installCommand', {});
      expect(result).toMatchObject({ ok: false, error: { code: 'command_unavailable' } });
    } finally {
      await core.close();
    }
    expect(commandEntryOf('/Applications/Switchboard.app/Contents/Resources/app.asar/dist')).toBe(
      '/Applications/Switchboard.app/Contents/Resources/app.asar.unpacked/dist/cli/switchboard.mjs',
    );
    expect(existsSync(entry)).toBe(true);
  });
});
