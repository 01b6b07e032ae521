// `npm run cli -- <command> …`: the `switchboard` command from a checkout, built first (a bundle
// of one entry takes well under a second), so scripts and tests need nothing installed.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

await build({
  entryPoints: ['src-main/cli/switchboard.ts'],
  outfile: 'dist/cli/switchboard.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
});
const { status, signal } = spawnSync(
  process.execPath,
  ['dist/cli/switchboard.mjs', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(signal ? 1 : (status ?? 1));
