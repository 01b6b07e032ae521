// Draws the app and tray icons into resources/ (run once after changing the design; the PNGs
// are committed). Pure Node: a tiny PNG encoder, so no image tooling is needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
};

/** @param {number} size @param {(x:number,y:number)=>[number,number,number,number]} pixel */
function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x + 0.5, y + 0.5), 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const clamp = (v) => Math.max(0, Math.min(1, v));

// App icon: a rounded square in the brand gradient with three "switch" bars. Drawn on a
// 512-unit canvas and scaled, so the favicon is the same picture.
function appIcon(size) {
  const k = 512 / size;
  return png(size, (px, py) => {
    const [x, y] = [px * k, py * k];
    const r = 96,
      inset = 16,
      s = 512 - inset * 2;
    const dx = Math.max(inset + r - x, x - (inset + s - r), 0);
    const dy = Math.max(inset + r - y, y - (inset + s - r), 0);
    const alpha = clamp((r - Math.hypot(dx, dy)) / k + 0.5);
    const t = (x + y) / 1024;
    let [red, green, blue] = [58 + (155 - 58) * t, 91 + (93 - 91) * t, 217 + (229 - 217) * t];
    for (const [cy, knob] of [
      [176, 330],
      [256, 200],
      [336, 300],
    ]) {
      if (Math.abs(y - cy) < 18 && x > 130 && x < 382) [red, green, blue] = [235, 238, 255];
      if (Math.hypot(x - knob, y - cy) < 34) [red, green, blue] = [255, 255, 255];
    }
    return [red, green, blue, Math.round(alpha * 255)];
  });
}
writeFileSync(new URL('../resources/icon.png', import.meta.url), appIcon(512));
mkdirSync(new URL('../src-renderer/public/', import.meta.url), { recursive: true });
writeFileSync(new URL('../src-renderer/public/favicon.png', import.meta.url), appIcon(64));

// Tray icons: a filled dot whose colour is the overall status.
const TRAY = { ok: [46, 160, 67], warning: [219, 154, 4], error: [207, 34, 46] };
for (const [status, [red, green, blue]] of Object.entries(TRAY)) {
  writeFileSync(
    new URL(`../resources/tray-${status}.png`, import.meta.url),
    png(32, (x, y) => {
      const alpha = clamp(12 - Math.hypot(x - 16, y - 16) + 0.5);
      return [red, green, blue, Math.round(alpha * 255)];
    }),
  );
}
