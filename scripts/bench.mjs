// Bundles bench/index.ts (npm packages external) and runs it under plain Node.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

const outfile = 'dist/bench/index.mjs';
await build({
  // The refresh bench's fake X runs in a child process of its own (bench/fake-x-host.ts).
  entryPoints: ['bench/index.ts', 'bench/fake-x-child.ts'],
  outdir: 'dist/bench',
  outExtension: { '.js': '.mjs' },
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
