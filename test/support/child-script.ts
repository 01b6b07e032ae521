import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const OUT_DIR = fileURLToPath(new URL('../../.test-results/children/', import.meta.url));

/**
 * Bundles a TypeScript entry into a runnable .mjs (npm packages stay external and resolve from
 * the project), so tests can run real code in a separate process — and kill it for real.
 */
export async function bundleChild(entry: URL): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  // A name per call: test files that bundle the same entry run in parallel.
  const name = entry.pathname.split('/').pop()!.replace(/\.ts$/, '');
  const outfile = `${OUT_DIR}${name}-${randomBytes(4).toString('hex')}.mjs`;
  await build({
    entryPoints: [fileURLToPath(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

/** Starts a bundled child and resolves once it prints `line` (a readiness marker). */
export function startChild(
  script: string,
  args: string[],
  line: string,
): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(line)) resolve({ child, output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) =>
      reject(new Error(`child exited with ${code} before "${line}":\n${output}`)),
    );
  });
}

export function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}
