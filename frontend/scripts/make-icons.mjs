// Draws the app icons as PNG files with a tiny pure-JS encoder (no image tools are needed or downloaded).
// Run `npm run gen:icons` after changing the design; the output in public/icons/ is committed.
import { mkdirSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const BLUE = [22, 119, 255];
const WHITE = [255, 255, 255];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "ascii");
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** Encodes RGBA pixels (Uint8Array, row-major) as a PNG file. */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, y * size * 4, size * 4).copy(raw, y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

const CHECK = [[-0.1, 0.0], [-0.03, 0.07], [0.11, -0.07]];

/**
 * The design, in units of the icon's width (0..1): a blue tile, rounded unless `fullBleed`
 * (maskable icons are cropped by the platform), carrying a white ring with a check mark inside: an
 * "O" for Officium, and work done. `scale` shrinks the mark into the maskable safe zone.
 */
function shade(x, y, { fullBleed, scale }) {
  const r = 0.22;
  if (!fullBleed) {
    const cx = Math.min(Math.max(x, r), 1 - r);
    const cy = Math.min(Math.max(y, r), 1 - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  }
  const dx = (x - 0.5) / scale;
  const dy = (y - 0.5) / scale;
  const d = Math.hypot(dx, dy);
  const ring = d > 0.2 && d < 0.3;
  const check = Math.min(distanceToSegment(dx, dy, CHECK[0], CHECK[1]), distanceToSegment(dx, dy, CHECK[1], CHECK[2])) < 0.032;
  return ring || check ? WHITE : BLUE;
}

function render(size, options) {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4; // 4×4 supersampling for smooth edges
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, options);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          a += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        pixels[i] = Math.round(r / a);
        pixels[i + 1] = Math.round(g / a);
        pixels[i + 2] = Math.round(b / a);
      }
      pixels[i + 3] = Math.round((a / samples ** 2) * 255);
    }
  }
  return encodePng(size, pixels);
}

const outDir = new URL("../public/icons/", import.meta.url);
mkdirSync(outDir, { recursive: true });
const icons = [
  ["icon-192.png", 192, { fullBleed: false, scale: 1 }],
  ["icon-512.png", 512, { fullBleed: false, scale: 1 }],
  ["maskable-512.png", 512, { fullBleed: true, scale: 0.8 }],
  ["apple-touch-icon-180.png", 180, { fullBleed: true, scale: 0.9 }],
];
for (const [name, size, options] of icons) {
  writeFileSync(new URL(name, outDir), render(size, options));
  console.log(`wrote public/icons/${name}`);
}
