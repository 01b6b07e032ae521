// `npm test`: type-check, lint, format check, build, then every vitest project (unit,
// integration, e2e). Each check counts as one test in the closing `N passed, N failed` line,
// which CI reads; vitest's own tests are counted from its JSON report.
// `npm run test:quick` (`--quick`): type-check, lint and the unit and integration tests without
// the long ones below — the lane to run while working; CI always runs everything.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

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
const checks = [
  ['type-check', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
  ['lint', 'npx', ['eslint', '.']],
  ...(quick
    ? []
    : [
        ['format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
        ['build', 'npm', ['run', '--silent', 'build']],
      ]),
];

let passed = 0;
let failed = 0;
for (const [name, command, args] of checks) {
  console.log(`\n▶ ${name}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status === 0) passed += 1;
  else {
    failed += 1;
    console.log(`✗ ${name} failed`);
  }
}

console.log('\n▶ vitest (unit, integration, e2e)');
mkdirSync('.test-results', { recursive: true });
rmSync(REPORT, { force: true });
const extra = process.argv.slice(2).filter((arg) => arg !== '--quick');
if (quick) extra.push('--project', 'unit', ...LONG_TESTS.flatMap((file) => ['--exclude', file]));
const vitest = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${REPORT}`,
    ...extra,
  ],
  { stdio: 'inherit' },
);
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
if (vitest.status !== 0 && failed === 0) failed += 1;

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
