import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src-shared/settings';
import { createSettingsService } from '../core/settings';
import { capturingLogger } from '../../test/support/test-host';
import { modeOf, openUmaskDir } from '../../test/support/open-umask-dir';
import { electronSettingsStore } from './electron-host';

// `electron` cannot load under Node. electron-store 11 is conf plus this constructor: `name`
// (default 'config') becomes conf's `configName`, and a relative `cwd` is read against userData.
vi.mock('electron', () => ({ Notification: class {}, shell: {} }));
vi.mock('electron-store', async () => {
  const { default: Conf } = await import('conf');
  const path = await import('node:path');
  class ElectronStore extends Conf<Record<string, unknown>> {
    constructor(options: Record<string, unknown> = {}) {
      const { name = 'config', cwd, ...rest } = options;
      super({
        ...rest,
        configName: name as string,
        cwd: path.isAbsolute(cwd as string)
          ? (cwd as string)
          : path.join('/userData', cwd as string),
      });
    }
  }
  return { default: ElectronStore };
});

describe("the desktop's settings file (electron-store)", () => {
  const root = openUmaskDir();

  it('starts with defaults from a damaged file and keeps it aside', () => {
    const file = join(root.path, 'settings.json');
    writeFileSync(file, '{');
    const log = capturingLogger();
    const settings = createSettingsService(electronSettingsStore(root.path, log), log);
    expect(settings.get()).toEqual(DEFAULT_SETTINGS);
    expect(readdirSync(root.path).some((name) => name.startsWith('settings.json.damaged-'))).toBe(
      true,
    );
    expect(log.lines.join('\n')).toContain(`settings file ${file} was set aside`);
  });

  it('writes settings.json 0600 in a 0700 folder under umask 000', () => {
    const dataDir = join(root.path, 'Switchboard');
    const settings = createSettingsService(
      electronSettingsStore(dataDir, capturingLogger()),
      capturingLogger(),
    );
    settings.update({ metricsPort: 9100 });
    expect(modeOf(dataDir)).toBe(0o700);
    expect(modeOf(join(dataDir, 'settings.json'))).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'))).toMatchObject({
      metricsPort: 9100,
    });
  });
});

describe('the desktop start-up order', () => {
  // Read from the source as a second net; electron-lifecycle.test.ts runs it against the double.
  const main = readFileSync(fileURLToPath(new URL('./desktop-app.ts', import.meta.url)), 'utf8');

  it('makes the data folder private after --data-dir is applied and before anything uses it', () => {
    const setPath = main.indexOf("app.setPath('userData'");
    const ensure = main.indexOf("ensureDataDir(app.getPath('userData')");
    const firstUse = Math.min(
      ...['requestSingleInstanceLock(', 'whenReady(', 'createElectronHost(']
        .map((call) => main.indexOf(call))
        .filter((index) => index >= 0),
    );
    expect(setPath).toBeGreaterThan(-1);
    expect(ensure).toBeGreaterThan(setPath);
    expect(ensure).toBeLessThan(firstUse);
    // Only the default folder is tightened; one the user named is left as it is, with a warning.
    expect(main).toMatch(/existing: typeof flags\['data-dir'\] === 'string' \? 'warn' : 'tighten'/);
  });
});
