import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const OUT_DIR = fileURLToPath(new URL('../../.test-results/children/', import.meta.url));

/**
 * Bundles a TypeScript entry into a runnable .mjs (npm packages stay external and resolve from
 * the project), so tests can run real code in a separate process — and kill it for real.
 * The file is named by its content: test files bundling the same entry in parallel share one
 * file (written whole, by rename), and re-runs do not pile up copies.
 */
export async function bundleChild(entry: URL): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const name = entry.pathname.split('/').pop()!.replace(/\.ts$/, '');
  const result = await build({
    entryPoints: [fileURLToPath(entry)],
    outfile: `${OUT_DIR}${name}.mjs`,
    write: false,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
  });
  const code = result.outputFiles[0]!.contents;
  const digest = createHash('sha256').update(code).digest('hex').slice(0, 12);
  const outfile = `${OUT_DIR}${name}-${digest}.mjs`;
  if (!existsSync(outfile)) {
    const partial = `${outfile}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, outfile);
  }
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
