import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/test-host';
import { resolveAsset } from './static-assets';

const dir = tempDir();
const root = join(dir.path, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html>');
writeFileSync(join(root, 'assets', 'index.js'), '');
writeFileSync(join(dir.path, 'secret.txt'), 'outside');
afterAll(() => dir.remove());

describe('resolveAsset', () => {
  it('finds files inside the renderer with their content type', () => {
    expect(resolveAsset(root, '/assets/index.js')).toEqual({
      filePath: join(root, 'assets', 'index.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
    expect(resolveAsset(root, '/')?.filePath).toBe(join(root, 'index.html'));
  });

  it('falls back to index.html for app routes, but not for missing files', () => {
    expect(resolveAsset(root, '/accounts')?.filePath).toBe(join(root, 'index.html'));
    expect(resolveAsset(root, '/assets/missing.js')).toBeNull();
  });

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/..%5csecret.txt',
    '/index.html%00.js',
    '/%E0%A4%A',
  ])('refuses %s', (path) => {
    expect(resolveAsset(root, path)).toBeNull();
  });
});
