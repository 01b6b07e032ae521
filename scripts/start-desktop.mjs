// Starts the Electron desktop app, or explains in one sentence why it cannot run here.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  const binary = () =>
    existsSync(pathFile) ? join(electronDir, 'dist', readFileSync(pathFile, 'utf8')) : null;
  if (binary() && existsSync(binary())) return binary();
  // Electron ≥42 downloads its runtime on first use; try once, quietly.
  spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore' });
  return binary() && existsSync(binary()) ? binary() : null;
}

const binary = electronBinary();
if (!binary) {
  console.error(
    'The Electron runtime could not be downloaded on this machine, so the desktop app cannot start here; run `npm run serve` to use Switchboard in your browser instead.',
  );
  process.exit(1);
}
const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
