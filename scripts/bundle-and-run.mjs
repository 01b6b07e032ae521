// Bundles one TypeScript entry with esbuild (well under a second) and runs it with this Node,
// passing on the arguments, standard streams and exit status: how `npm run cli` and
// `npm run licence:*` run from a checkout with nothing installed.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

export async function bundleAndRun(entry, outfile) {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  });
  const { status, signal } = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(signal ? 1 : (status ?? 1));
}
