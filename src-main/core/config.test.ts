import { describe, expect, it } from 'vitest';
import { defaultDataDir } from './config';

describe('defaultDataDir', () => {
  it('follows each OS convention for per-user app data', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/Switchboard');
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ana')).toBe(
      '/xdg/Switchboard',
    );
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/Switchboard',
    );
    expect(
      defaultDataDir('win32', { APPDATA: 'C:/Users/ana/AppData/Roaming' }, 'C:/Users/ana'),
    ).toMatch(/AppData[\\/]Roaming[\\/]Switchboard$/);
  });
});
