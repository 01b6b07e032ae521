// Version and commit are captured once, at build time, so a packaged app reports what it was built from.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** @returns {{ version: string, commit: string }} */
export function readBuildInfo() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  let commit = process.env.SWITCHBOARD_COMMIT ?? '';
  if (!commit) {
    try {
      commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .toString()
        .trim();
    } catch {
      commit = 'unknown';
    }
  }
  return { version: pkg.version, commit };
}

/** esbuild/vite `define` entries that inline the build info. */
export function buildInfoDefines() {
  const { version, commit } = readBuildInfo();
  return {
    __SWITCHBOARD_VERSION__: JSON.stringify(version),
    __SWITCHBOARD_COMMIT__: JSON.stringify(commit),
  };
}
