import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// docs/architecture.md is the live map: every path its "where does X live" table names exists.
const root = new URL('../../', import.meta.url);
const map = readFileSync(new URL('docs/architecture.md', root), 'utf8');

function tableRows(heading: string): string[] {
  const section = map.split(`## ${heading}`)[1]?.split('\n## ')[0] ?? '';
  return section.split('\n').filter((line) => line.startsWith('|') && !line.startsWith('| ---'));
}

describe('docs/architecture.md', () => {
  const rows = tableRows('Where does X live').slice(1);
  const paths = rows.flatMap((row) =>
    [...row.matchAll(/`([^`]+)`/g)]
      .map((m) => m[1]!)
      .filter((p) => /^(src-|test\/|relay\/|eslint)/.test(p)),
  );

  it('answers at least the questions the one-house issue asked', () => {
    for (const question of [
      'classified',
      'mounts `/v1`',
      'unlocked',
      'refresh is planned',
      'forecast',
      'posting caps',
      "demo mode's platforms",
      "channel's handler",
    ])
      expect(
        rows.some((row) => row.includes(question)),
        question,
      ).toBe(true);
  });

  it('names only paths that exist', () => {
    expect(paths.length).toBeGreaterThan(20);
    const missing = paths.filter((path) => !existsSync(new URL(path, root)));
    expect(missing).toEqual([]);
  });
});
