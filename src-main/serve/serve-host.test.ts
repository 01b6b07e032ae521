import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import { createSettingsService } from '../core/settings';
import { capturingLogger } from '../../test/support/test-host';
import { modeOf, openUmaskDir } from '../../test/support/open-umask-dir';
import { confSettingsStore } from './serve-host';

const BINARY_JUNK = Buffer.from([0x00, 0xff, 0xfe, 0x7b, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]);

describe("serve mode's settings file (conf)", () => {
  const root = openUmaskDir();

  it('is what stops start-up when nothing checks it first', () => {
    writeFileSync(join(root.path, 'settings.json'), '{');
    expect(
      () => new Conf({ projectName: 'switchboard', cwd: root.path, configName: 'settings' }),
    ).toThrow(SyntaxError);
  });

  it.each([
    ['a lone brace', '{'],
    ['an empty file', ''],
    ['binary junk', BINARY_JUNK],
  ])('starts with defaults from %s, keeps it aside and says where', (_name, body) => {
    const file = join(root.path, 'settings.json');
    writeFileSync(file, body);
    const log = capturingLogger();
    const store = confSettingsStore(root.path, log, () => Date.UTC(2025, 0, 2));
    const settings = createSettingsService(store, log);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    const aside = `${file}.damaged-2025-01-02T00-00-00-000Z`;
    expect(readFileSync(aside)).toEqual(Buffer.from(body));
    expect(log.lines.join('\n')).toContain(`settings file ${file} was set aside`);

    settings.update({ metricsPort: 9100 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ metricsPort: 9100 });
  });

  it('creates its folder 0700 and writes settings.json 0600 under umask 000', () => {
    const dataDir = join(root.path, 'new', 'Switchboard');
    const settings = createSettingsService(
      confSettingsStore(dataDir, capturingLogger()),
      capturingLogger(),
    );
    settings.update({ notificationsEnabled: false });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(readdirSync(dataDir)).toEqual(['settings.json']);
    expect(modeOf(join(dataDir, 'settings.json'))).toBe(0o600);
  });

  it('keeps good settings and makes an old 0644 file private', () => {
    const file = join(root.path, 'settings.json');
    writeFileSync(file, JSON.stringify({ metricsPort: 9100 }), { mode: 0o644 });
    const settings = createSettingsService(
      confSettingsStore(root.path, capturingLogger()),
      capturingLogger(),
    );
    expect(settings.get().metricsPort).toBe(9100);
    expect(modeOf(file)).toBe(0o600);
  });
});
