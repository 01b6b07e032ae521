// `npm run licence:issue` / `licence:keygen`: the publisher's licence command, bundled from the
// same verification code the app uses (well under a second), then run. Never packed into the app.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';

await build({
  entryPoints: ['src-main/licence-tool/main.ts'],
  outfile: 'dist/licence-tool/licence.mjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  logLevel: 'warning',
});
const { status, signal } = spawnSync(
  process.execPath,
  ['dist/licence-tool/licence.mjs', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);
process.exit(signal ? 1 : (status ?? 1));
