// The one chart renderer: ChartSpec → SVG with ECharts' server-side SVG renderer (no browser, no DOM),
// SVG → PNG with resvg and the CJK font shipped through npm (see font.ts).
import * as echarts from 'echarts';
import { Resvg } from '@resvg/resvg-js';
import type { ChartSpec } from '../ui/chart.js';
import { echartsOption } from './echarts-option.js';
import { CJK_FAMILY, cjkFontFiles } from './font.js';
import { measureText, parseCssFont, textToPaths } from './text-to-path.js';

// ECharts lays text out (legend spacing, label boxes) by measuring it: measure in the font we draw with.
echarts.setPlatformAPI({
  measureText: (text: string, font?: string) => {
    const { size, bold } = parseCssFont(font ?? '12px sans-serif');
    return { width: measureText(text, size, bold) };
  },
});

export interface RenderOptions {
  locale: 'zh' | 'en';
  width?: number;
  height?: number;
}

export interface PngOptions extends RenderOptions {
  /** Pixel density: 2 draws a 800×450 chart as 1600×900 pixels (sharp on phones). Default 1. */
  scale?: number;
  /**
   * Draw text with resvg's own text engine and these font files instead of as outlines of the bundled
   * font (slower; tests pass [] to see what a machine without the font would get).
   */
  fontFiles?: string[];
}

export const DEFAULT_WIDTH = 800;
export const DEFAULT_HEIGHT = 450;

const escapeXml = (s: string) => s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * zrender writes a `:hover` CSS rule for every element that reacts to the pointer, with the fill
 * lightened by `liftColor`; for a gradient fill (the heat map's colour scale) that is an object, and
 * the rule came out as `fill:[object Object]`. A drawn SVG has no script to drag such a bar, so
 * gradient-filled elements are made silent (`pointer-events:none`) before the SVG is written.
 */
function quietGradientHover(chart: echarts.ECharts): void {
  for (const el of chart.getZr().storage.getDisplayList(true)) {
    const fill = (el.style as { fill?: unknown } | undefined)?.fill;
    const emphasisFill = (el.states?.emphasis?.style as { fill?: unknown } | undefined)?.fill;
    if (fill !== null && typeof fill === 'object' && typeof emphasisFill !== 'string') el.silent = true;
  }
}

/** The chart as a standalone SVG document, with its text alternative as `<title>` and aria-label. */
export function renderSvg(spec: ChartSpec, opts: RenderOptions): string {
  const width = opts.width ?? DEFAULT_WIDTH;
  const height = opts.height ?? DEFAULT_HEIGHT;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height, locale: opts.locale === 'zh' ? 'ZH' : 'EN' });
  try {
    chart.setOption(echartsOption(spec, width));
    quietGradientHover(chart);
    const svg = chart.renderToSVGString();
    // Screen readers and chat previews get the numbers, not just "image".
    return svg.replace(/^<svg\b/, `<svg role="img" aria-label="${escapeXml(spec.alt)}"`)
      .replace(/^(<svg[^>]*>)/, `$1<title>${escapeXml(spec.alt)}</title>`);
  } finally {
    chart.dispose();
  }
}

/** The chart as PNG bytes (white background), text drawn with the bundled CJK font only. */
export function renderPng(spec: ChartSpec, opts: PngOptions): Buffer {
  const svg = renderSvg(spec, opts);
  return opts.fontFiles ? svgToPng(svg, opts) : svgToPng(textToPaths(svg), { ...opts, fontFiles: [] });
}

/** Rasterises an SVG with the bundled font and no system fonts (same output on every machine). */
export function svgToPng(svg: string, opts: { scale?: number; fontFiles?: string[] } = {}): Buffer {
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: opts.scale ?? 1 },
    font: {
      fontFiles: opts.fontFiles ?? cjkFontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: CJK_FAMILY,
      sansSerifFamily: CJK_FAMILY,
    },
  });
  return resvg.render().asPng();
}
