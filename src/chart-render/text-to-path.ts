// Replaces the SVG's <text> elements by glyph outlines drawn from the bundled font, before resvg
// rasterises it. resvg re-parses the 8 MB CJK font for every text element (3–4 ms each, ~60 on a
// trend chart); here the font is parsed once per process and each glyph's outline is cached, so a
// chart's text costs well under a millisecond. Also measures text for ECharts' layout.
import * as fontkit from 'fontkit';
import { cjkFontFiles } from './font.js';
import { ChartRenderError, FONT_MISSING } from './errors.js';

interface CachedGlyph { d: string; advance: number }

interface Face {
  font: fontkit.Font;
  glyphs: Map<number, CachedGlyph>;
}

let faces: { regular: Face; bold: Face } | null = null;

function open(path: string): Face {
  const font = fontkit.openSync(path);
  if (!('glyphForCodePoint' in font)) throw new ChartRenderError('chart_font_collection', `chart font ${path} is a collection, expected one face`, { userMessage: FONT_MISSING });
  return { font, glyphs: new Map() };
}

function loadFaces(): { regular: Face; bold: Face } {
  if (!faces) {
    const [regular, bold] = cjkFontFiles();
    faces = { regular: open(regular!), bold: open(bold!) };
  }
  return faces;
}

function glyph(face: Face, codePoint: number): CachedGlyph {
  let g = face.glyphs.get(codePoint);
  if (!g) {
    const fg = face.font.glyphForCodePoint(codePoint);
    g = { d: fg.path.toSVG(), advance: fg.advanceWidth };
    face.glyphs.set(codePoint, g);
  }
  return g;
}

const isBold = (weight: string | undefined) => weight !== undefined && (weight === 'bold' || weight === 'bolder' || Number(weight) >= 600);

/** Width in pixels of `text` at `size` px in the bundled font. */
export function measureText(text: string, size: number, bold = false): number {
  const { regular, bold: b } = loadFaces();
  const face = bold ? b : regular;
  let units = 0;
  for (const ch of text) units += glyph(face, ch.codePointAt(0)!).advance;
  return (units / face.font.unitsPerEm) * size;
}

/** Parses a CSS font shorthand as ECharts writes it ("bold 18px 'Noto Sans Hans', sans-serif"). */
export function parseCssFont(font: string): { size: number; bold: boolean } {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font)?.[1] ?? 12);
  const weight = /^\s*(?:(?:italic|oblique|normal)\s+)?(bold|bolder|[1-9]00)\b/.exec(font)?.[1];
  return { size, bold: isBold(weight) };
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
  e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITY[e] ?? m);

// Attributes that describe the text itself; everything else (fill, opacity, stroke, transform) is kept.
const TEXT_ATTRS = new Set(['x', 'y', 'dx', 'dy', 'dominant-baseline', 'text-anchor', 'style', 'xml:space', 'font-size', 'font-family', 'font-weight']);

function outline(attrs: string, content: string): string {
  const map = new Map<string, string>();
  for (const m of attrs.matchAll(/([\w:-]+)="([^"]*)"/g)) map.set(m[1]!, m[2]!);
  const style = map.get('style') ?? '';
  const size = Number(/font-size:\s*([\d.]+)px/.exec(style)?.[1] ?? map.get('font-size') ?? 12);
  const bold = isBold(/font-weight:\s*([\w]+)/.exec(style)?.[1] ?? map.get('font-weight'));
  const { regular, bold: b } = loadFaces();
  const face = bold ? b : regular;
  const text = decode(content);
  const em = face.font.unitsPerEm;
  const scale = size / em;

  let pen = 0;
  const parts: string[] = [];
  for (const ch of text) {
    const g = glyph(face, ch.codePointAt(0)!);
    if (g.d) parts.push(pen === 0 ? `<path d="${g.d}"/>` : `<path transform="translate(${pen} 0)" d="${g.d}"/>`);
    pen += g.advance;
  }
  const width = pen * scale;
  const anchor = map.get('text-anchor') ?? 'start';
  const x = Number(map.get('x') ?? 0) - (anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0);
  // ECharts positions text by its centre line ("central"): half way between ascender and descender.
  const baseline = map.get('dominant-baseline');
  const shift = baseline === 'central' || baseline === 'middle'
    ? ((face.font.ascent + face.font.descent) / 2) * scale
    : baseline === 'hanging' || baseline === 'text-before-edge' ? face.font.ascent * scale : 0;
  const y = Number(map.get('y') ?? 0) + shift;

  const kept = [...map.entries()].filter(([k]) => !TEXT_ATTRS.has(k)).map(([k, v]) => `${k}="${v}"`).join(' ');
  const place = `translate(${x.toFixed(2)} ${y.toFixed(2)}) scale(${scale.toFixed(5)} ${(-scale).toFixed(5)})`;
  return `<g ${kept}><g transform="${place}">${parts.join('')}</g></g>`;
}

/** The SVG with every <text>…</text> drawn as glyph paths (title and desc elements stay as they are). */
export function textToPaths(svg: string): string {
  return svg.replace(/<text\b([^>]*)>([^<]*)<\/text>/g, (_, attrs: string, content: string) => outline(attrs, content));
}
