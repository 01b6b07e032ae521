// Splits the unit tests into two vitest projects (vite.config.ts). Most files only build their
// own objects, servers and temp folders, so they can share workers and module caches, which
// saves the per-file start-up (about a third of the unit project's CPU). A file that changes
// something process-wide — module mocks, fake timers, spies, stubbed globals or env, umask,
// cwd, process listeners — runs isolated, because in a shared worker the change would still be
// in force for whichever file comes next. Membership is computed from each file's text, so a
// new file that mocks lands in the isolated pool without anyone editing a list; the shared
// pool's guard (test/support/shared-pool-guard.ts) fails a file that leaks state this scan missed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where unit test files live, and how their names end. */
const UNIT_FOLDERS = ['src-main', 'src-renderer', 'src-shared', 'test/integration', 'relay/test'];
const UNIT_TEST_NAME = /\.test\.tsx?$/;

/**
 * Files whose libraries change process-wide state out of sight of NEEDS_ISOLATION, named here
 * when the shared pool's guard fails them. None today: state libraries set up on import (zod's
 * registry, when-exit's listeners) is set up once per worker, and the guard allows it.
 * @type {string[]}
 */
const ISOLATED_BY_NAME = [];

/** Calls whose effect outlives the file that makes them; one match sends a file to isolation. */
export const NEEDS_ISOLATION = [
  /\bvi\.(mock|doMock|unmock|doUnmock|hoisted|importMock)\(/,
  /\bvi\.(useFakeTimers|setSystemTime|spyOn|stubGlobal|stubEnv|resetModules)\(/,
  /\bprocess\.env(\.\w+|\[[^\]]+\])\s*=(?!=)/,
  /\bdelete\s+process\.env\b/,
  /\bprocess\.(on|once|addListener|prependListener|chdir|umask|setUncaughtExceptionCaptureCallback)\(/,
  /\bglobalThis\.\w+\s*=(?!=)/,
  /\bObject\.defineProperty\(\s*(globalThis|process|navigator|window)\b/,
];

/**
 * Every unit test file under `root` (src-*, test/integration, relay/test), as root-relative
 * paths, split by whether it needs isolation. Explicit lists rather than globs, so that a
 * `--exclude` given on the command line (the quick lane's) still applies to both projects.
 * @param {string} root
 * @returns {{ shared: string[], isolated: string[] }}
 */
export function splitUnitFiles(root) {
  const shared = [];
  const isolated = [];
  for (const file of UNIT_FOLDERS.flatMap((folder) => testFilesUnder(root, folder))) {
    const text = readFileSync(join(root, file), 'utf8');
    const needsIsolation =
      ISOLATED_BY_NAME.includes(file) || NEEDS_ISOLATION.some((pattern) => pattern.test(text));
    (needsIsolation ? isolated : shared).push(file);
  }
  return { shared, isolated };
}

/** @param {string} root @param {string} folder @returns {string[]} */
function testFilesUnder(root, folder) {
  let names;
  try {
    names = readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
  return names
    .map((name) => `${folder}/${name.split('\\').join('/')}`)
    .filter((file) => UNIT_TEST_NAME.test(file) && !file.includes('/node_modules/'))
    .sort();
}
