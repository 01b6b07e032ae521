import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capturingLogger } from '../../test/support/test-host';
import { modeOf, openUmaskDir } from '../../test/support/open-umask-dir';
import { ensureDataDir } from './data-folder';

describe('ensureDataDir', () => {
  // The worst case: a umask that takes nothing away.
  const root = openUmaskDir();

  it('creates a missing folder (and its missing parents) owner-only under umask 000', () => {
    const dir = join(root.path, 'a', 'b', 'Switchboard');
    const log = capturingLogger();
    ensureDataDir(dir, { log, existing: 'tighten' });
    expect(modeOf(dir)).toBe(0o700);
    expect(modeOf(join(root.path, 'a'))).toBe(0o700);
    expect(log.lines).toEqual([]);
  });

  it('sets 0700 exactly even when the umask takes away owner bits', () => {
    process.umask(0o277);
    const dir = join(root.path, 'Switchboard');
    ensureDataDir(dir, { log: capturingLogger(), existing: 'tighten' });
    expect(modeOf(dir)).toBe(0o700);
  });

  it('tightens an open folder it owns by name, and says so naming the folder', () => {
    const dir = join(root.path, 'Switchboard');
    mkdirSync(dir, { mode: 0o755 });
    const log = capturingLogger();
    ensureDataDir(dir, { log, existing: 'tighten' });
    expect(modeOf(dir)).toBe(0o700);
    expect(log.lines.join('\n')).toMatch(/warn data folder .*Switchboard .*0755.*0700/);
  });

  it('leaves a folder the user named as it is, but warns that others can read it', () => {
    const dir = join(root.path, 'shared');
    mkdirSync(dir, { mode: 0o750 });
    const log = capturingLogger();
    ensureDataDir(dir, { log, existing: 'warn' });
    expect(modeOf(dir)).toBe(0o750);
    expect(log.lines.join('\n')).toMatch(/warn data folder .*shared .*0750.*chmod 700/);
  });

  it('keeps quiet about an existing folder when the shell already decided', () => {
    const dir = join(root.path, 'shared');
    mkdirSync(dir, { mode: 0o755 });
    const log = capturingLogger();
    ensureDataDir(dir, { log, existing: 'keep' });
    expect(modeOf(dir)).toBe(0o755);
    expect(log.lines).toEqual([]);
  });

  it('says nothing about a folder that is already private', () => {
    const dir = join(root.path, 'private');
    mkdirSync(dir, { mode: 0o700 });
    const log = capturingLogger();
    ensureDataDir(dir, { log, existing: 'tighten' });
    expect(log.lines).toEqual([]);
  });

  it('does not apply POSIX modes on Windows', () => {
    const dir = join(root.path, 'Switchboard');
    mkdirSync(dir, { mode: 0o755 });
    ensureDataDir(dir, { log: capturingLogger(), existing: 'tighten', platform: 'win32' });
    expect(modeOf(dir)).toBe(0o755);
  });

  it('warns instead of failing when the folder cannot be tightened', () => {
    const dir = join(root.path, 'Switchboard');
    mkdirSync(dir, { mode: 0o755 });
    const log = capturingLogger();
    // A chmod that fails the way a folder owned by someone else would (EPERM).
    const chmod = () => {
      throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
    };
    ensureDataDir(dir, { log, existing: 'tighten', chmod });
    expect(log.lines.join('\n')).toMatch(/could not be made private: EPERM/);
    expect(modeOf(dir)).toBe(0o755);
  });
});
