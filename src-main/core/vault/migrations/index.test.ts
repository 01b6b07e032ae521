import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './index';

describe('the migration list', () => {
  it('numbers its migrations 1, 2, 3, … with no gap, repeat or reordering', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('lists every numbered migration file in this folder, under the number its name gives', () => {
    const numbered = readdirSync(fileURLToPath(new URL('.', import.meta.url)))
      .map((name) => /^(\d{4})-[a-z0-9-]+\.ts$/.exec(name)?.[1])
      .filter((number) => number !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    expect(numbered).toEqual(MIGRATIONS.map((m) => m.version));
  });
});
