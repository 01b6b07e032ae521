// The fixture of every test about file modes: a fresh temporary folder per test, created while
// the umask takes nothing away (the worst case), so a mode the code does not set shows up.
import { statSync } from 'node:fs';
import { afterEach, beforeEach } from 'vitest';
import { tempDir } from './test-host';

/** The permission bits of a file or folder. */
export const modeOf = (path: string): number => statSync(path).mode & 0o777;

/**
 * Registers beforeEach/afterEach in the calling describe block: umask 000 and a new folder for
 * each test, the umask restored and the folder removed after it. Read `path` inside a test.
 */
export function openUmaskDir(): { readonly path: string } {
  let dir: ReturnType<typeof tempDir> | undefined;
  let umask = 0;
  beforeEach(() => {
    dir = tempDir();
    umask = process.umask(0);
  });
  afterEach(() => {
    process.umask(umask);
    dir?.remove();
    dir = undefined;
  });
  return {
    get path() {
      if (!dir) throw new Error('openUmaskDir: read path inside a test');
      return dir.path;
    },
  };
}
