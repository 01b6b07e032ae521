// Bundles bench/index.ts (npm packages external) and runs it under plain Node.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const outfile = 'dist/bench/index.mjs';
await build({
  entryPoints: ['bench/index.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
const { status } = spawnSync(
  process.execPath,
  [...process.execArgv, outfile, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(status ?? 1);
