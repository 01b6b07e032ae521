import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOriginTable, loadOriginTable } from './origin-table';

describe('the platform origin table', () => {
  it('swaps only the origin: path and query stay the platform’s own', () => {
    const table = createOriginTable({ 'https://api.x.com': 'http://127.0.0.1:4000' });
    expect(table.url('https://api.x.com/2/users/me?user.fields=id').href).toBe(
      'http://127.0.0.1:4000/2/users/me?user.fields=id',
    );
    expect(table.url('https://x.com/i/oauth2/authorize').href).toBe(
      'https://x.com/i/oauth2/authorize',
    );
    expect(table.replacesAny).toBe(true);
    expect(createOriginTable().replacesAny).toBe(false);
  });

  it('refuses entries that are not bare origins, with a stable code', () => {
    const invalid: Record<string, string>[] = [
      { 'https://api.x.com/2': 'http://127.0.0.1:1' },
      { 'https://api.x.com': 'ftp://127.0.0.1' },
      { 'not a url': 'http://127.0.0.1:1' },
    ];
    for (const bad of invalid) {
      expect(() => createOriginTable(bad)).toThrow(
        expect.objectContaining({ code: 'platform_origins_invalid' }),
      );
    }
  });

  it('loads from --platform-origins before SWITCHBOARD_PLATFORM_ORIGINS, and says which file is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchboard-origins-'));
    const flagFile = join(dir, 'flag.json');
    const envFile = join(dir, 'env.json');
    writeFileSync(flagFile, JSON.stringify({ 'https://api.x.com': 'http://127.0.0.1:1111' }));
    writeFileSync(envFile, JSON.stringify({ 'https://api.x.com': 'http://127.0.0.1:2222' }));
    const env = { SWITCHBOARD_PLATFORM_ORIGINS: envFile };
    expect(loadOriginTable(flagFile, env).url('https://api.x.com/x').port).toBe('1111');
    expect(loadOriginTable(undefined, env).url('https://api.x.com/x').port).toBe('2222');
    expect(loadOriginTable(undefined, {}).replacesAny).toBe(false);
    writeFileSync(envFile, '{');
    expect(() => loadOriginTable(undefined, env)).toThrow(/env\.json is not valid JSON/);
  });
});
