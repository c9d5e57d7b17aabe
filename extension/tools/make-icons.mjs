// make-icons.mjs — draws Vigie's icon (a watchful eye on a navy tile) at every
// size the manifest lists and writes src/icons/icon-N.png. Run it again only to
// change the icon; the PNGs are committed. PNG layout per RFC 2083 / W3C PNG
// (signature, IHDR, IDAT with zlib, IEND; CRC-32 over type + data).
import { writeFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';

const SIZES = [16, 32, 48, 96, 128];
const SS = 4; // supersampling per axis, for anti-aliased edges

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

// Colour of one point of the unit square [0,1)², or null for transparent.
function paint(x, y) {
  const r = 0.2; // tile corner radius
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const dx = x - 0.5;
  const dy = y - 0.5;
  // Eye: the intersection of two circles (a lens), an iris and a pupil.
  const lens = dx * dx + (Math.abs(dy) + 0.3) ** 2 < 0.5 ** 2 && Math.abs(dx) < 0.4;
  const d = Math.hypot(dx, dy);
  if (lens && d < 0.07) return [20, 33, 61];
  if (lens && d < 0.15) return [230, 81, 0];
  if (lens) return [255, 255, 255];
  return [26, 77, 143];
}

function png(size) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < SS; sy++) {
        for (let sx = 0; sx < SS; sx++) {
          const c = paint((px + (sx + 0.5) / SS) / size, (py + (sy + 0.5) / SS) / size);
          if (c) [r, g, b, a] = [r + c[0], g + c[1], b + c[2], a + 1];
        }
      }
      const o = 1 + px * 4;
      if (a > 0) row.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((255 * a) / (SS * SS))], o);
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) {
  writeFileSync(new URL(`../src/icons/icon-${size}.png`, import.meta.url), png(size));
}
