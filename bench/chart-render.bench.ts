// One chart to PNG (ECharts SSR → SVG → glyph outlines → resvg), against a bare baseline: resvg
// rasterising a trivial SVG of the same size. Target: < 150 ms per chart.
import { Resvg } from '@resvg/resvg-js';
import { renderPng } from '../src/chart-render/index.js';
import { customerTrendChart } from '../src/app/charts/customer-trend.chart.js';
import { teamHeatmapChart } from '../src/app/charts/team-heatmap.chart.js';

const weeks = Array.from({ length: 12 }, (_, i) => `2026-W${String(37 + i).padStart(2, '0')}`);
const trend = customerTrendChart({
  customer: '华星科技', weeks, index: weeks.map((_, i) => 10 + i * 7), revenue: weeks.map((_, i) => 20000 - i * 1500), grades: { A: 75, B: 50 },
}, 'zh');
const heatmap = teamHeatmapChart({
  week: '2026-W48', by: 'region',
  flagged: Array.from({ length: 60 }, (_, i) => ({ group: ['华东', '华南', '华北', '西部', '华中'][i % 5]!, tags: [(['overdue', 'silent', 'complaints', 'declining'] as const)[i % 4]!], index: 50 + (i % 50), grade: 'B' as const })),
}, 'zh');

const bare = '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="450"><rect width="800" height="450" fill="#fff"/><path d="M10 10L790 440" stroke="#000"/></svg>';

function time(fn: () => unknown, n: number): number {
  const t = performance.now();
  for (let i = 0; i < n; i++) fn();
  return (performance.now() - t) / n;
}

const first = performance.now();
renderPng(trend, { locale: 'zh' }); // first render: font parse and glyph cache (once per process)
const firstMs = performance.now() - first;
const N = 20;
const baseline = time(() => new Resvg(bare, { font: { loadSystemFonts: false } }).render().asPng(), N);
for (const [name, spec] of [['trend', trend], ['heatmap', heatmap]] as const) {
  const figure = time(() => renderPng(spec, { locale: 'zh' }), N);
  console.log(`chart-render ${name}: ${figure.toFixed(1)} ms per PNG, baseline (resvg, trivial SVG) ${baseline.toFixed(1)} ms, ratio ${(figure / baseline).toFixed(1)}× (target < 150 ms)`);
}
console.log(`first render in a process (font load): ${firstMs.toFixed(0)} ms`);
