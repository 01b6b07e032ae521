import { describe, expect, it } from 'vitest';
import { sniffAvatar } from './avatar-image';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(
    parts.map((part) =>
      typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part),
    ),
  );

describe('sniffAvatar', () => {
  it.each([
    ['image/png', bytes('\x89PNG\r\n\x1a\n', 'rest')],
    ['image/jpeg', bytes([0xff, 0xd8, 0xff, 0xe0], 'JFIF')],
    ['image/gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['image/gif', bytes('GIF87a')],
    ['image/webp', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
  ])('knows %s by its magic number', (type, data) => {
    expect(sniffAvatar(data)).toBe(type);
  });

  it.each([
    ['SVG', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['SVG with an XML prolog', bytes('<?xml version="1.0"?><svg/>')],
    ['HTML', bytes('<!doctype html><html>')],
    ['a RIFF that is not WebP', bytes('RIFF', [0, 0, 0, 0], 'AVI ')],
    ['a PNG signature cut short', bytes('\x89PNG\r\n')],
    ['nothing', bytes('')],
  ])('refuses %s', (_, data) => {
    expect(sniffAvatar(data)).toBeNull();
  });
});
