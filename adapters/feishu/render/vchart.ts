// A chart (src/ui/chart.ts) as Card 2.0's native `chart` component, a VChart spec, for the kinds
// Card 2.0 draws: the customer trend (a combination chart: revenue bars and the index line on two axes,
// the grade bands as mark areas) and the customer radar. The heat map and the stacked charts go as PNG
// pictures (image_key). A spec larger than MAX_NATIVE_CHART_BYTES also goes as a picture, so a card with
// both charts stays well inside the 30 KB card limit. Pure.
// @see https://open.feishu.cn/document/feishu-cards/card-json-v2-components/content-components/chart
import type { Block } from '../../../src/ui/card.js';
import { TONE_COLOR, type ChartSpec, type RadarChart, type TrendChart } from '../../../src/ui/chart.js';
import type { ChartElement, JsonValue, VChartRichSpec } from './card-v2.types.js';
import { MAX_CHARTS_PER_CARD, MAX_NATIVE_CHART_BYTES } from '../limits.js';
import { jsonBytes } from './check-card.js';

const BAR_COLOR = '#9aa0a6';

function trendSpec(c: TrendChart): VChartRichSpec {
  const index = c.x.flatMap((x, i) => (c.line.values[i] == null ? [] : [{ x, y: c.line.values[i]! }]));
  const revenue = c.bars ? c.x.flatMap((x, i) => (c.bars!.values[i] == null ? [] : [{ x, y: c.bars!.values[i]! }])) : [];
  const series: JsonValue[] = [
    { type: 'line', id: 'index', dataId: 'index', name: c.line.name, xField: 'x', yField: 'y', line: { style: { stroke: TONE_COLOR.blue, lineWidth: 2 } }, point: { style: { fill: TONE_COLOR.blue } } },
  ];
  const axes: JsonValue[] = [
    { orient: 'left', seriesId: ['index'], min: 0, max: c.line.max, title: { visible: true, text: c.line.name } },
    { orient: 'bottom', type: 'band', title: { visible: true, text: c.xLabel } },
  ];
  if (c.bars) {
    series.unshift({ type: 'bar', id: 'bars', dataId: 'bars', name: c.bars.name, xField: 'x', yField: 'y', bar: { style: { fill: BAR_COLOR, fillOpacity: 0.5 } } });
    axes.push({ orient: 'right', seriesId: ['bars'], title: { visible: true, text: c.bars.unit ? `${c.bars.name} (${c.bars.unit})` : c.bars.name }, grid: { visible: false } });
  }
  return {
    type: 'common',
    title: { text: c.title, ...(c.subtitle ? { subtext: c.subtitle } : {}) },
    data: [{ id: 'index', values: index }, ...(c.bars ? [{ id: 'bars', values: revenue }] : [])],
    series,
    axes,
    markArea: c.bands.map((b) => ({
      relativeSeriesId: 'index', y: b.from, y1: b.to,
      area: { style: { fill: TONE_COLOR[b.tone], fillOpacity: 0.12 } },
      label: { text: b.label, position: 'insideRight' },
    })),
    legends: { visible: true, orient: 'bottom' },
  };
}

function radarSpec(c: RadarChart): VChartRichSpec {
  return {
    type: 'radar',
    title: { text: c.title, ...(c.subtitle ? { subtext: c.subtitle } : {}) },
    data: [{ id: 'scores', values: c.series.flatMap((s) => c.axes.map((a, i) => ({ axis: a.label, value: s.values[i] ?? 0, series: s.name }))) }],
    categoryField: 'axis',
    valueField: 'value',
    seriesField: 'series',
    color: c.series.map((s) => TONE_COLOR[s.tone]),
    area: { visible: true, style: { fillOpacity: 0.15 } },
    point: { visible: true },
    axes: [{ orient: 'radius', min: 0, max: Math.max(...c.axes.map((a) => a.max), 1) }],
    legends: { visible: true, orient: 'bottom' },
  };
}

/** The native chart component for a chart, or null for kinds Card 2.0 does not draw as we need. */
export function nativeChart(chart: ChartSpec): ChartElement | null {
  if (chart.kind === 'trend') return { tag: 'chart', aspect_ratio: '2:1', chart_spec: trendSpec(chart), preview: true };
  if (chart.kind === 'radar') return { tag: 'chart', aspect_ratio: '4:3', chart_spec: radarSpec(chart), preview: true };
  return null;
}

/** Whether the chart goes as a native component (drawn by Feishu) rather than as an uploaded PNG. */
export function nativeChartFits(chart: ChartSpec): boolean {
  const el = nativeChart(chart);
  return el !== null && jsonBytes(el) <= MAX_NATIVE_CHART_BYTES;
}

/**
 * For each block, whether it is drawn by a native chart component: `chart` blocks and image blocks
 * whose chart fits (not yet uploaded as a picture), within the per-card quota, in document order. The
 * renderer and the uploader share this plan: what is not native is uploaded.
 */
export function nativeChartPlan(blocks: readonly Block[]): boolean[] {
  let charts = 0;
  return blocks.map((b) => {
    const native = (b.type === 'chart' || (b.type === 'image' && !b.uploaded?.feishuImageKey && nativeChartFits(b.chart))) && charts < MAX_CHARTS_PER_CARD;
    if (native) charts += 1;
    return native;
  });
}
