// The CJK font every PNG is drawn with: Noto Sans Hans (OFL) from the @embedpdf/fonts-sc npm package,
// so Chinese renders after `npm ci` alone, with no system fonts assumed. resvg reads OTF/TTF only
// (not woff2), and files (memory-mapped) load far faster than buffers of the same 8 MB font.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ChartRenderError, FONT_MISSING } from './errors.js';

/** The family name inside the font files; SVG text asks for it first. */
export const CJK_FAMILY = 'Noto Sans Hans';

/** What the SVG asks for: our font first, then what a browser showing the inline SVG is likely to have. */
export const FONT_STACK = `'${CJK_FAMILY}', 'Noto Sans SC', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif`;

let cached: string[] | null = null;

/** Paths of the regular and bold faces; throws a clear error when the package is missing. */
export function cjkFontFiles(): string[] {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  } catch (cause) {
    throw new ChartRenderError('chart_font_missing', 'chart font missing: the @embedpdf/fonts-sc package is not installed (run `npm ci`)', { cause, userMessage: FONT_MISSING });
  }
  const files = ['NotoSansHans-Regular.otf', 'NotoSansHans-Bold.otf'].map((f) => join(dir, f));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length > 0) throw new ChartRenderError('chart_font_missing', `chart font missing: ${missing.join(', ')} (run \`npm ci\`)`, { userMessage: FONT_MISSING });
  cached = files;
  return files;
}
