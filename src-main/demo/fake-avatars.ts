import { deflateSync } from 'node:zlib';
import type { FakeRequest, Reply } from './fake-http';

// Demo mode's profile pictures: real PNGs served by the fake platforms on their avatar CDN origin
// (descriptors' `avatars.origins`, replaced by the origin table), so the app fetches them through
// the same path as a real platform's. Drawn here: a coloured disc with the person's initials.

const SIZE = 96;
const PATH = /^\/demo-avatars\/([0-9a-f]{6})\/([A-Z]{1,2})\.png$/;

/** 5×7 capitals, row by row. */
const GLYPHS: Record<string, string> = {
  A: '01110100011000111111100011000110001',
  B: '11110100011000111110100011000111110',
  C: '01110100011000010000100001000101110',
  D: '11110100011000110001100011000111110',
  E: '11111100001000011110100001000011111',
  F: '11111100001000011110100001000010000',
  G: '01110100011000010111100011000101111',
  H: '10001100011000111111100011000110001',
  I: '01110001000010000100001000010001110',
  J: '00111000100001000010000101001001100',
  K: '10001100101010011000101001001010001',
  L: '10000100001000010000100001000011111',
  M: '10001110111010110101100011000110001',
  N: '10001100011100110101100111000110001',
  O: '01110100011000110001100011000101110',
  P: '11110100011000111110100001000010000',
  Q: '01110100011000110001101011001001101',
  R: '11110100011000111110101001001010001',
  S: '01111100001000001110000010000111110',
  T: '11111001000010000100001000010000100',
  U: '10001100011000110001100011000101110',
  V: '10001100011000110001100010101000100',
  W: '10001100011000110101101011010101010',
  X: '10001100010101000100010101000110001',
  Y: '10001100010101000100001000010000100',
  Z: '11111000010001000100010001000011111',
};

/** The URL a demo user's platform gives for their picture, on that platform's avatar CDN. */
export function demoAvatarUrl(cdnOrigin: string, initials: string, color: string): string {
  return `${cdnOrigin}/demo-avatars/${color.replace('#', '').toLowerCase()}/${initials.toUpperCase()}.png`;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Whether pixel (x, y) is part of the initials, drawn 6× large in the middle of the disc. */
function inText(initials: string, x: number, y: number): boolean {
  const scale = 6;
  const width = initials.length * 6 * scale - scale;
  const left = (SIZE - width) / 2;
  const top = (SIZE - 7 * scale) / 2;
  const column = Math.floor((x - left) / scale);
  const row = Math.floor((y - top) / scale);
  if (column < 0 || row < 0 || row >= 7 || column >= initials.length * 6) return false;
  const glyph = GLYPHS[initials[Math.floor(column / 6)]!];
  const inGlyph = column % 6;
  return glyph !== undefined && inGlyph < 5 && glyph[row * 5 + inGlyph] === '1';
}

/** A 96×96 RGBA PNG: a disc of `color` with white initials, transparent around it. */
export function avatarPng(initials: string, color: string): Buffer {
  const [r, g, b] = [1, 3, 5].map((at) =>
    parseInt(color.replace('#', '').slice(at - 1, at + 1), 16),
  );
  const rows: Buffer[] = [];
  for (let y = 0; y < SIZE; y += 1) {
    const row = Buffer.alloc(1 + SIZE * 4);
    for (let x = 0; x < SIZE; x += 1) {
      const inside = (x - SIZE / 2 + 0.5) ** 2 + (y - SIZE / 2 + 0.5) ** 2 <= (SIZE / 2) ** 2;
      if (!inside) continue;
      const white = inText(initials, x, y);
      row.set(white ? [255, 255, 255, 255] : [r!, g!, b!, 255], 1 + x * 4);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Answers a demo avatar request (any fake platform serves them); undefined for other paths. */
export function avatarReply(request: FakeRequest): Reply | undefined {
  const match = request.method === 'GET' ? PATH.exec(request.path) : null;
  if (!match) return undefined;
  const png = avatarPng(match[2]!, `#${match[1]!}`);
  return {
    status: 200,
    headers: { 'content-type': 'image/png', 'content-length': String(png.length) },
    body: png,
  };
}
