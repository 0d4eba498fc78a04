// Renders build/icon.svg into the icons electron-builder packs: icon.png (1024 px, the source for
// every platform), icon.icns (macOS), icon.ico (Windows) and icons/NxN.png (Linux). The outputs are
// committed, so packaging needs no image tools; run this again after changing the SVG:
//   node build/make-icons.mjs        (needs rsvg-convert: apt-get install librsvg2-bin; optipng optional)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

const here = import.meta.dirname;
const work = join(tmpdir(), `diarist-icons-${process.pid}`);
mkdirSync(work, { recursive: true });

/**
 * The picture at one size: `rgba` as rsvg-convert writes it (8-bit RGBA, which the ICO bitmaps
 * are decoded from) and `png`, the same made smaller when optipng is installed.
 */
function render(size) {
  const file = join(work, `${size}.png`);
  execFileSync('rsvg-convert', [
    '-w',
    `${size}`,
    '-h',
    `${size}`,
    join(here, 'icon.svg'),
    '-o',
    file,
  ]);
  const rgba = readFileSync(file);
  try {
    execFileSync('optipng', ['-quiet', '-o7', '-strip', 'all', file]);
  } catch {
    // optipng is only for smaller files.
  }
  return { rgba, png: readFileSync(file) };
}

/** RGBA pixels of an 8-bit RGBA, non-interlaced PNG (what rsvg-convert writes). */
function decodeRgba(png) {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const [depth, colorType, , , interlace] = png.subarray(24, 29);
  if (depth !== 8 || colorType !== 6 || interlace !== 0) throw new Error('expected 8-bit RGBA PNG');
  const idat = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= 4 ? pixels[y * stride + x - 4] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4] : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, paeth()][filter];
      pixels[y * stride + x] = (line[x] + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

/** An ICO entry's image as a 32-bit DIB (bottom-up BGRA plus an all-zero AND mask). */
function dib(rgbaPng) {
  const { width, height, pixels } = decodeRgba(rgbaPng);
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(width, 4);
  header.writeInt32LE(height * 2, 8); // colour rows plus mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const bgra = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4;
      const to = ((height - 1 - y) * width + x) * 4;
      bgra[to] = pixels[from + 2];
      bgra[to + 1] = pixels[from + 1];
      bgra[to + 2] = pixels[from];
      bgra[to + 3] = pixels[from + 3];
    }
  }
  const maskRow = Math.ceil(width / 32) * 4;
  return Buffer.concat([header, bgra, Buffer.alloc(maskRow * height)]);
}

/** Windows icon: DIB entries up to 48 px for the oldest readers, PNG above (Vista and later). */
function ico(renders) {
  const images = renders.map(([size, { rgba, png }]) => [size, size <= 48 ? dib(rgba) : png]);
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach(([size, data], i) => {
    const at = 6 + 16 * i;
    head[at] = size >= 256 ? 0 : size;
    head[at + 1] = size >= 256 ? 0 : size;
    head.writeUInt16LE(1, at + 4);
    head.writeUInt16LE(32, at + 6);
    head.writeUInt32LE(data.length, at + 8);
    head.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...images.map(([, data]) => data)]);
}

/** macOS icon: PNG-compressed elements, the set `iconutil` writes. */
function icns(bySize) {
  const elements = [
    ['icp4', 16],
    ['icp5', 32],
    ['ic11', 32],
    ['ic12', 64],
    ['ic07', 128],
    ['ic13', 256],
    ['ic08', 256],
    ['ic14', 512],
    ['ic09', 512],
    ['ic10', 1024],
  ].map(([type, size]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    const { png } = bySize.get(size);
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + elements.reduce((sum, e) => sum + e.length, 0), 4);
  return Buffer.concat([head, ...elements]);
}

const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const bySize = new Map(sizes.map((size) => [size, render(size)]));

writeFileSync(join(here, 'icon.png'), bySize.get(1024).png);
writeFileSync(join(here, 'icon.icns'), icns(bySize));
writeFileSync(
  join(here, 'icon.ico'),
  ico([16, 24, 32, 48, 64, 128, 256].map((size) => [size, bySize.get(size)])),
);
mkdirSync(join(here, 'icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) {
  writeFileSync(join(here, 'icons', `${size}x${size}.png`), bySize.get(size).png);
}
console.log('icons written to', here);
