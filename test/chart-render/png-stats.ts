// Decodes the PNGs our renderer writes (8-bit RGBA/RGB, not interlaced) so tests can measure pixels
// of the real output bytes, with a tolerance, instead of comparing bytes.
import { inflateSync } from 'node:zlib';

export interface Pixels { width: number; height: number; rgba: Uint8Array }

export function decodePng(png: Buffer): Pixels {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0, height = 0, colorType = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const len = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0); height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[12] !== 0) throw new Error('only 8-bit non-interlaced PNGs');
      colorType = data[9]!;
    } else if (type === 'IDAT') idat.push(data);
    offset += 12 + len;
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : colorType === 4 ? 2 : colorType === 0 ? 1 : 0;
  if (channels === 0) throw new Error(`unsupported colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const cur = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? cur[x - channels]! : 0;
      const b = prev[x]!;
      const c = x >= channels ? prev[x - channels]! : 0;
      const v = line[x]!;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c; const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      cur[x] = (v + pred) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const i = x * channels;
      if (channels >= 3) { out[o] = cur[i]!; out[o + 1] = cur[i + 1]!; out[o + 2] = cur[i + 2]!; out[o + 3] = channels === 4 ? cur[i + 3]! : 255; }
      else { out[o] = out[o + 1] = out[o + 2] = cur[i]!; out[o + 3] = channels === 2 ? cur[i + 1]! : 255; }
    }
    prev.set(cur);
  }
  return { width, height, rgba: out };
}

/** Share of pixels in the box that are clearly darker than the white background ("ink"). */
export function inkShare(p: Pixels, box: { x: number; y: number; w: number; h: number }): number {
  let ink = 0, total = 0;
  for (let y = box.y; y < Math.min(p.height, box.y + box.h); y++) {
    for (let x = box.x; x < Math.min(p.width, box.x + box.w); x++) {
      const o = (y * p.width + x) * 4;
      const lum = 0.299 * p.rgba[o]! + 0.587 * p.rgba[o + 1]! + 0.114 * p.rgba[o + 2]!;
      if (lum < 160) ink++;
      total++;
    }
  }
  return total === 0 ? 0 : ink / total;
}

/** How many pixels are close to an sRGB colour (within `tol` per channel). */
export function countColor(p: Pixels, hex: string, tol = 24): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  let n = 0;
  for (let o = 0; o < p.rgba.length; o += 4) {
    if (Math.abs(p.rgba[o]! - r) <= tol && Math.abs(p.rgba[o + 1]! - g) <= tol && Math.abs(p.rgba[o + 2]! - b) <= tol) n++;
  }
  return n;
}
