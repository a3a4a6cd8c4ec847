// The renderer draws every chart kind to SVG and PNG, Chinese included, with the bundled font only.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderPng, renderSvg } from '../../src/chart-render/index.js';
import { cjkFontFiles } from '../../src/chart-render/font.js';
import { TONE_COLOR, withAlt, type StackedChart } from '../../src/ui/chart.js';
import { countColor, decodePng, inkShare } from './png-stats.js';
import { byRepZh, heatmapZh, portfolioEn, radarEn, trendZh } from './sample-specs.js';

const OUT = 'test-output/charts';
const save = (name: string, png: Buffer) => {
  mkdirSync(OUT, { recursive: true });
  writeFileSync(`${OUT}/${name}.png`, png);
};

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('renderSvg', () => {
  it('draws the trend: weeks, index values, band labels, the bars, and the alt text as title', () => {
    const svg = renderSvg(trendZh, { locale: 'zh' });
    expect(svg.startsWith('<svg')).toBe(true);
    const t = texts(svg);
    expect(t).toContain('华星科技 · 问题客户指数');
    expect(t).toContain('W48');
    expect(t).toContain('88');
    expect(t).toContain('A 级');
    expect(t).toContain('B 级');
    expect(svg).toContain(`<title>${trendZh.alt}</title>`);
    // 10 bars with revenue (one week missing, two zero-height) drawn as paths in the bar colour
    expect((svg.match(/fill="#8ab4f8"/g) ?? []).length).toBeGreaterThanOrEqual(9);
  });

  it('draws the heat map counts and every row and column label', () => {
    const t = texts(renderSvg(heatmapZh, { locale: 'zh' }));
    for (const label of [...heatmapZh.rows, ...heatmapZh.columns]) expect(t).toContain(label);
    for (const c of heatmapZh.cells) expect(t).toContain(String(c.count));
  });

  // zrender's hover rule for a gradient fill (the heat map's colour scale) used to print the object.
  const every = { trendZh, radarEn, heatmapZh, byRepZh, portfolioEn };
  it.each(Object.entries(every))('%s: no hover rule or attribute carries a non-colour ([object Object])', (_, spec) => {
    const svg = renderSvg(spec, { locale: spec.locale });
    expect(svg).not.toContain('[object Object]');
    expect(svg).not.toContain('undefined');
    const fills = [...svg.matchAll(/fill:([^;]+);/g)].map((m) => m[1]!);
    for (const f of fills) expect(f).toMatch(/^(#[0-9a-f]{3,8}|rgba?\([\d.,\s]+\)|none|url\(#[\w-]+\))$/i);
  });

  it('the heat map colour scale (a gradient) keeps its gradient fill and ignores the pointer', () => {
    const svg = renderSvg(heatmapZh, { locale: 'zh' });
    const bars = [...svg.matchAll(/<polygon[^>]*fill="url\(#(zr\d+-g\d+)\)"[^>]*class="([^"]+)"/g)];
    expect(bars.length).toBeGreaterThan(0);
    for (const [, gradient, cls] of bars) {
      expect(svg).toMatch(new RegExp(`<linearGradient[^>]*id="${gradient}"`));
      expect(svg).toMatch(new RegExp(`\\.${cls}:hover \\{\\s*pointer-events:none;`));
    }
  });

  it('honours width and height', () => {
    const svg = renderSvg(radarEn, { locale: 'en', width: 600, height: 400 });
    expect(svg).toMatch(/^<svg[^>]*width="600" height="400"/);
  });
});

describe('renderPng', () => {
  const all = { 'trend.zh': trendZh, 'radar.en': radarEn, 'heatmap.zh': heatmapZh, 'by-rep.zh': byRepZh, 'portfolio.en': portfolioEn };

  it.each(Object.entries(all))('%s renders a PNG of the requested size with ink on it', (name, spec) => {
    const png = renderPng(spec, { locale: spec.locale });
    save(`sample-${name}`, png);
    const p = decodePng(png);
    expect([p.width, p.height]).toEqual([800, 450]);
    const ink = inkShare(p, { x: 0, y: 0, w: 800, h: 450 });
    expect(ink).toBeGreaterThan(0.003);
    expect(ink).toBeLessThan(0.9);
  });

  it('scale 2 doubles the pixels', () => {
    const p = decodePng(renderPng(byRepZh, { locale: 'zh', scale: 2 }));
    expect([p.width, p.height]).toEqual([1600, 900]);
  });

  it('grade A is red and grade B orange', () => {
    const p = decodePng(renderPng(byRepZh, { locale: 'zh' }));
    expect(countColor(p, TONE_COLOR.red, 10)).toBeGreaterThan(2000);
    expect(countColor(p, TONE_COLOR.orange, 10)).toBeGreaterThan(1000);
  });

  it('Chinese glyphs are drawn with the bundled font (not blank or tofu without it)', () => {
    // A chart whose only text is Chinese: the title, the category names, the legend.
    const zhOnly = withAlt<StackedChart>({
      kind: 'stackedBar', locale: 'zh', title: '华星科技预警客户数量', categories: ['张敏', '李伟'], categoryLabel: '销售', valueLabel: '客户',
      series: [{ name: '甲级', values: [1, 1], tone: 'red' }],
    });
    const titleBox = { x: 10, y: 8, w: 240, h: 28 };
    const withFont = decodePng(renderPng(zhOnly, { locale: 'zh' }));
    const noFont = decodePng(renderPng(zhOnly, { locale: 'zh', fontFiles: [] }));
    save('cjk-title.zh', renderPng(zhOnly, { locale: 'zh' }));
    expect(inkShare(withFont, titleBox)).toBeGreaterThan(0.08);
    expect(inkShare(noFont, titleBox)).toBeLessThan(0.005);
  });

  it("draws text as outlines that match resvg's own text rendering of the same font", () => {
    const titleBox = { x: 10, y: 8, w: 300, h: 30 };
    const outlines = decodePng(renderPng(trendZh, { locale: 'zh' }));
    const native = decodePng(renderPng(trendZh, { locale: 'zh', fontFiles: cjkFontFiles() }));
    const a = inkShare(outlines, titleBox);
    const b = inkShare(native, titleBox);
    expect(a).toBeGreaterThan(0.05);
    expect(Math.abs(a - b) / b).toBeLessThan(0.25);
    // and the whole picture: same amount of ink within a few percent
    const all = { x: 0, y: 0, w: 800, h: 450 };
    expect(Math.abs(inkShare(outlines, all) - inkShare(native, all)) / inkShare(native, all)).toBeLessThan(0.1);
  });
});
