import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capturingLogger, tempDir } from '../../test/support/test-host';
import { modeOf, openUmaskDir } from '../../test/support/open-umask-dir';
import { openSettingsFile, setAsideIfDamaged, settingsDamage } from './settings-file';

const AT = Date.UTC(2025, 0, 2, 3, 4, 5, 6);
const AT_TEXT = '2025-01-02T03-04-05-006Z';
const BINARY_JUNK = Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);

describe('settingsDamage', () => {
  it.each([
    ['{', 'it is not valid JSON'],
    ['', 'it is empty'],
    [' \n\t', 'it is empty'],
    [BINARY_JUNK.toString('utf8'), 'it is not valid JSON'],
    ['\uFEFF{}', 'it is not valid JSON'],
    ['[]', 'it is not a JSON object'],
    ['null', 'it is not a JSON object'],
    ['"text"', 'it is not a JSON object'],
    ['{"metricsPort": 9100}', null],
    ['{}', null],
  ])('judges %j', (text, damage) => {
    expect(settingsDamage(text)).toBe(damage);
  });
});

describe('setAsideIfDamaged', () => {
  const dir = openUmaskDir();

  it.each([
    ['a lone brace', '{'],
    ['an empty file', ''],
    ['binary junk', BINARY_JUNK],
    ['a JSON array', '[1,2]'],
  ])('keeps %s aside under a dated name, private, and names both files in the log', (_n, body) => {
    const file = join(dir.path, 'settings.json');
    writeFileSync(file, body, { mode: 0o666 });
    const log = capturingLogger();
    setAsideIfDamaged(file, log, () => AT);
    const aside = `${file}.damaged-${AT_TEXT}`;
    expect(readdirSync(dir.path)).toEqual([`settings.json.damaged-${AT_TEXT}`]);
    expect(readFileSync(aside)).toEqual(Buffer.from(body));
    expect(modeOf(aside)).toBe(0o600);
    const warning = log.lines.join('\n');
    expect(warning).toContain(' warn settings file ');
    expect(warning).toContain(file);
    expect(warning).toContain(aside);
  });

  it('never overwrites an earlier damaged copy', () => {
    const file = join(dir.path, 'settings.json');
    writeFileSync(file, '{');
    setAsideIfDamaged(file, capturingLogger(), () => AT);
    writeFileSync(file, '');
    setAsideIfDamaged(file, capturingLogger(), () => AT);
    expect(readdirSync(dir.path).sort()).toEqual([
      `settings.json.damaged-${AT_TEXT}`,
      `settings.json.damaged-${AT_TEXT}-1`,
    ]);
    expect(readFileSync(`${file}.damaged-${AT_TEXT}`, 'utf8')).toBe('{');
  });

  it('leaves good settings where they are, made private', () => {
    const file = join(dir.path, 'settings.json');
    writeFileSync(file, '{"metricsPort":9100}', { mode: 0o644 });
    const log = capturingLogger();
    setAsideIfDamaged(file, log, () => AT);
    expect(readFileSync(file, 'utf8')).toBe('{"metricsPort":9100}');
    expect(modeOf(file)).toBe(0o600);
    expect(log.lines).toEqual([]);
  });

  it('does nothing when there is no file yet', () => {
    setAsideIfDamaged(join(dir.path, 'settings.json'), capturingLogger(), () => AT);
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('refuses with a stable code naming the file when it cannot be read at all', () => {
    const file = join(dir.path, 'settings.json');
    mkdirSync(file);
    expect(() => setAsideIfDamaged(file, capturingLogger(), () => AT)).toThrow(
      expect.objectContaining({
        code: 'settings_unreadable',
        message: expect.stringContaining(`${file} (EISDIR)`),
      }),
    );
  });
});

describe('openSettingsFile', () => {
  let root: ReturnType<typeof tempDir>;
  beforeEach(() => {
    root = tempDir();
  });
  afterEach(() => root.remove());

  it('creates the folder owner-only and asks for an owner-only file before the store opens', () => {
    const dataDir = join(root.path, 'data');
    const umask = process.umask(0);
    try {
      let seen: { cwd: string; name: string; mode: number } | undefined;
      openSettingsFile(
        dataDir,
        (options) => {
          seen = options;
          expect(modeOf(dataDir)).toBe(0o700);
          return { store: {}, path: join(options.cwd, `${options.name}.json`) };
        },
        { log: capturingLogger() },
      );
      expect(seen).toEqual({ cwd: dataDir, name: 'settings', mode: 0o600 });
    } finally {
      process.umask(umask);
    }
  });

  it('refuses a store that opened another file than settings.json', () => {
    expect(() =>
      openSettingsFile(root.path, () => ({ store: {}, path: join(root.path, 'config.json') }), {
        log: capturingLogger(),
      }),
    ).toThrow(expect.objectContaining({ code: 'internal' }));
  });
});
