import { existsSync, readFileSync } from 'node:fs';
import { fmt, type Row } from './report';

const LAST_RUN = '.test-results/last-run.json';
const TARGET_S = 240;

/**
 * The `npm test` row: the suite takes minutes, so the bench does not rerun it; it reports the
 * last whole run on this checkout, which scripts/test.mjs records with the machine's load.
 */
export function suiteRow(): Row {
  const name = '`npm test`, whole suite';
  if (!existsSync(LAST_RUN))
    return { name, value: 'not run on this checkout yet', target: '≤ 4 min on two cores' };
  const run = JSON.parse(readFileSync(LAST_RUN, 'utf8')) as {
    seconds: number;
    passed: number;
    failed: number;
    cores: number;
    load: [number, number];
    finishedAt: string;
  };
  return {
    name,
    value: `${fmt(run.seconds / 60, 1)} min`,
    baseline: `last run ${run.finishedAt.slice(0, 16)}Z, ${run.passed} passed, ${run.failed} failed, ${run.cores} cores, load ${fmt(run.load[0], 1)}→${fmt(run.load[1], 1)}`,
    target: '≤ 4 min on two cores',
    met: run.seconds <= TARGET_S,
  };
}
