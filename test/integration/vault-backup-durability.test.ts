import type * as NodeFs from 'node:fs';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileDurably } from '../../src-main/core/vault/backup-file';
import { tempDir } from '../support/test-host';

// Records, in order, the calls that make a write durable, while still doing them for real.
const calls: string[] = [];
const paths = new Map<number, string>();
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>();
  return {
    ...fs,
    openSync: (...args: Parameters<typeof fs.openSync>) => {
      const fd = fs.openSync(...args);
      paths.set(fd, String(args[0]));
      calls.push(`open ${basename(String(args[0]))} ${String(args[1])}`);
      return fd;
    },
    writeFileSync: (...args: Parameters<typeof fs.writeFileSync>) => {
      calls.push(`write ${typeof args[0] === 'number' ? 'fd' : 'path'}`);
      return fs.writeFileSync(...args);
    },
    fsyncSync: (fd: number) => {
      calls.push(`fsync ${basename(paths.get(fd) ?? '?')}`);
      return fs.fsyncSync(fd);
    },
    renameSync: (from: string, to: string) => {
      calls.push(`rename ${basename(from)} -> ${basename(to)}`);
      return fs.renameSync(from, to);
    },
  };
});

describe('backup file writing', () => {
  let dir: ReturnType<typeof tempDir>;
  afterEach(() => dir.remove());

  it('writes a fresh exclusive temporary file, flushes it, renames it, then flushes the folder', () => {
    dir = tempDir();
    const target = join(dir.path, 'switchboard.backup');
    writeFileDurably(target, Buffer.from('sealed bytes'));
    const temporary = /^open (\S+) wx$/.exec(calls[0]!)?.[1];
    expect(temporary, calls.join('\n')).toMatch(/^\.switchboard\.backup\.[0-9a-f]{16}\.tmp$/);
    expect(calls).toEqual([
      `open ${temporary} wx`,
      'write fd',
      `fsync ${temporary}`,
      `rename ${temporary} -> switchboard.backup`,
      `open ${basename(dirname(target))} r`,
      `fsync ${basename(dirname(target))}`,
    ]);
    expect(readFileSync(target, 'utf8')).toBe('sealed bytes');
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });
});
