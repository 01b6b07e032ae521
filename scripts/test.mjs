// `npm test`: type-check, lint, format check, build, then every vitest project (unit,
// integration, e2e). Each check counts as one test in the closing `N passed, N failed` line,
// which CI reads; vitest's own tests are counted from its JSON report.
// `npm run test:quick` (`--quick`): type-check, lint and the unit and integration tests without
// the long ones below — the lane to run while working; CI always runs everything.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';

/**
 * Each takes ten seconds or more on two cores (a simulated year, SIGKILLed children, a static
 * audit, 256 MiB backups, 20 command processes, scrypt at full cost); together most of the time.
 */
const LONG_TESTS = [
  'test/integration/simulated-year.test.ts',
  'test/integration/refresh-kill.test.ts',
  'test/integration/electron-security-audit.test.ts',
  'test/integration/vault-backup-limits.test.ts',
  'test/integration/cli.test.ts',
  'test/integration/vault-change-passphrase.test.ts',
  'test/integration/core-vault.test.ts',
  'test/integration/vault-faults.test.ts',
];

const quick = process.argv.includes('--quick');
const REPORT = '.test-results/vitest.json';
const LAST_RUN = '.test-results/last-run.json';
// Two lanes, since two cores is what CI has: eslint (the longest, one core) beside type-check,
// format check and build in turn. Each check's output is printed whole when it ends.
const lanes = [
  [['lint', 'npx', ['eslint', '.']]],
  [
    ['type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
    ...(quick
      ? []
      : [
          ['format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
          ['build', 'npm', ['run', '--silent', 'build']],
        ]),
  ],
];

let passed = 0;
let failed = 0;
const began = Date.now();
const loadAtStart = loadavg()[0];
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs one check with its output captured; resolves with whether it passed. */
function runCheck([name, command, args]) {
  const started = Date.now();
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve) => {
    child.on('error', (error) => (output += `${error.message}\n`));
    child.on('close', (status) => {
      console.log(`\n▶ ${name} (${seconds(started)})`);
      if (output) process.stdout.write(output);
      if (status === 0) passed += 1;
      else {
        failed += 1;
        console.log(`✗ ${name} failed`);
      }
      resolve();
    });
  });
}

const runLanes = async () => {
  await Promise.all(
    lanes.map(async (lane) => {
      for (const check of lane) await runCheck(check);
    }),
  );
  console.log(`\nchecks took ${seconds(began)}`);
};

/** Runs vitest with inherited output; resolves with its exit status. */
function runVitest() {
  console.log('\n▶ vitest (unit, integration, e2e)');
  mkdirSync('.test-results', { recursive: true });
  rmSync(REPORT, { force: true });
  const extra = process.argv.slice(2).filter((arg) => arg !== '--quick');
  if (quick)
    extra.push(
      '--project',
      'unit',
      '--project',
      'unit-isolated',
      ...LONG_TESTS.flatMap((file) => ['--exclude', file]),
    );
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json'];
  const child = spawn('npx', [...args, `--outputFile.json=${REPORT}`, ...extra], {
    stdio: 'inherit',
  });
  const started = Date.now();
  return new Promise((resolve) =>
    child.on('close', (status) => {
      console.log(`\nvitest took ${seconds(started)}`);
      resolve(status);
    }),
  );
}

// The full run builds before vitest (the e2e tests run the build) and keeps the checks' CPU away
// from the timing of the browser and fault tests. The quick lane has neither, so its unit tests
// run beside the checks.
let status;
if (quick) [, status] = await Promise.all([runLanes(), runVitest()]);
else {
  await runLanes();
  status = await runVitest();
}
if (existsSync(REPORT)) {
  const report = JSON.parse(readFileSync(REPORT, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A suite that failed to load has no tests to count; it still fails the run.
  if (report.numFailedTestSuites > 0 && report.numFailedTests === 0)
    failed += report.numFailedTestSuites;
  if (report.numTotalTests === 0) failed += 1;
} else {
  failed += 1;
}
if (status !== 0 && failed === 0) failed += 1;

console.log(`\nall took ${seconds(began)}`);
// `npm run bench` prints the last whole run beside its target (the suite is too long to rerun there).
if (!quick && process.argv.length === 2)
  writeFileSync(
    LAST_RUN,
    JSON.stringify({
      seconds: (Date.now() - began) / 1000,
      passed,
      failed,
      cores: availableParallelism(),
      load: [loadAtStart, loadavg()[0]],
      finishedAt: new Date().toISOString(),
    }),
  );
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
