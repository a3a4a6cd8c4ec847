// ChartSpec → ECharts option. Pure: one function per chart kind, no I/O, no animation (server-side).
import type { EChartsOption } from 'echarts';
import type { ChartSpec, HeatmapChart, RadarChart, StackedChart, TrendChart } from '../ui/chart.js';
import { BAR, color, EMPTY_CELL, GRID, HEAT_RAMP, INK, MUTED, TEXT_SIZE, tint, TITLE_SIZE } from './palette.js';
import { FONT_STACK } from './font.js';

const fmt = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Compact axis numbers: 12000 → 12k / 1.2万. */
function compact(n: number, locale: 'zh' | 'en'): string {
  if (locale === 'zh' && Math.abs(n) >= 10_000) return `${fmt(n / 10_000)}万`;
  if (locale === 'en' && Math.abs(n) >= 1_000) return `${fmt(n / 1_000)}k`;
  return fmt(n);
}

function base(spec: ChartSpec, top: number): EChartsOption {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: { fontFamily: FONT_STACK, fontSize: TEXT_SIZE, color: INK },
    title: {
      text: spec.title,
      subtext: spec.subtitle ?? '',
      left: 16,
      top: 10,
      textStyle: { fontSize: TITLE_SIZE, fontWeight: 'bold', color: INK, fontFamily: FONT_STACK },
      subtextStyle: { fontSize: 12, color: MUTED, fontFamily: FONT_STACK },
    },
    grid: { left: 64, right: 64, top, bottom: 56, containLabel: false },
  };
}

const legend = (names: string[]) => ({
  data: names, top: 14, right: 16, itemGap: 14, textStyle: { fontSize: 12, color: MUTED },
});

function trend(spec: TrendChart): EChartsOption {
  const markArea = spec.bands.length === 0 ? undefined : {
    silent: true,
    label: { show: true, position: 'insideTopLeft' as const, color: MUTED, fontSize: 11 },
    data: spec.bands.map((b) => [
      { yAxis: b.from, name: b.label, itemStyle: { color: tint(b.tone, 0.13) } },
      { yAxis: b.to },
    ]) as never,
  };
  const names = [spec.line.name, ...(spec.bars ? [spec.bars.name] : [])];
  return {
    ...base(spec, 112),
    legend: legend(names),
    xAxis: {
      type: 'category', data: [...spec.x], name: spec.xLabel, nameLocation: 'middle', nameGap: 32,
      axisLabel: { color: MUTED, fontSize: 11, hideOverlap: true, formatter: (v: string) => v.replace(/^\d{4}-/, '') },
      axisLine: { lineStyle: { color: GRID } },
    },
    yAxis: [
      {
        type: 'value', min: 0, max: spec.line.max, interval: 25, name: spec.line.name, nameTextStyle: { color: MUTED },
        axisLabel: { color: MUTED }, splitLine: { lineStyle: { color: GRID } },
      },
      ...(spec.bars ? [{
        type: 'value' as const, name: `${spec.bars.name}${spec.bars.unit ? ` (${spec.bars.unit})` : ''}`, position: 'right' as const,
        // Left-aligned from the axis, clear of the last week's value label.
        nameTextStyle: { color: MUTED, align: 'left' as const }, min: 0, splitLine: { show: false },
        axisLabel: { color: MUTED, formatter: (v: number) => compact(v, spec.locale) },
      }] : []),
    ],
    series: [
      ...(spec.bars ? [{
        type: 'bar' as const, name: spec.bars.name, yAxisIndex: 1, data: [...spec.bars.values], barMaxWidth: 22,
        itemStyle: { color: BAR }, z: 1,
      }] : []),
      {
        type: 'line' as const, name: spec.line.name, yAxisIndex: 0, data: [...spec.line.values], connectNulls: false,
        symbol: 'circle', symbolSize: 7, lineStyle: { width: 3, color: INK }, itemStyle: { color: INK }, z: 3,
        label: { show: true, position: 'top', fontSize: 11, color: INK },
        ...(markArea ? { markArea } : {}),
      },
    ],
  };
}

function radar(spec: RadarChart): EChartsOption {
  return {
    ...base(spec, 70),
    legend: legend(spec.series.map((s) => s.name)),
    radar: {
      center: ['50%', '57%'], radius: '62%', splitNumber: 4,
      indicator: spec.axes.map((a) => ({ name: a.label, max: a.max })),
      axisName: { color: INK, fontSize: TEXT_SIZE },
      splitLine: { lineStyle: { color: GRID } }, splitArea: { show: false }, axisLine: { lineStyle: { color: GRID } },
    },
    series: [{
      type: 'radar',
      data: spec.series.map((s, i) => ({
        name: s.name, value: [...s.values],
        lineStyle: { color: color(s.tone), width: i === 0 ? 3 : 2, type: i === 0 ? 'solid' : 'dashed' },
        itemStyle: { color: color(s.tone) },
        areaStyle: i === 0 ? { color: tint(s.tone, 0.18) } : undefined,
        // Only the customer's non-zero scores: zeros would pile up unreadably at the centre.
        label: i === 0 ? { show: true, color: color(s.tone), fontSize: 12, fontWeight: 'bold', formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? fmt(Number(p.value)) : '') } : undefined,
      })),
    }],
  };
}

function heatmap(spec: HeatmapChart, width: number): EChartsOption {
  const longestRow = Math.max(0, ...spec.rows.map((r) => [...r].length));
  const left = Math.min(180, 24 + longestRow * 13);
  // Column names wrap inside their cell ("Requirement churn" over two lines) instead of running together.
  const cell = Math.max(40, Math.floor((width - left - 24) / Math.max(1, spec.columns.length)) - 6);
  return {
    ...base(spec, 78),
    grid: { left, right: 24, top: 78, bottom: 100 },
    xAxis: {
      type: 'category', data: [...spec.columns], name: spec.columnLabel, nameLocation: 'middle', nameGap: 44,
      splitArea: { show: false }, axisLabel: { interval: 0, fontSize: 12, color: INK, width: cell, overflow: 'break', lineHeight: 14 }, axisTick: { show: false },
    },
    yAxis: {
      type: 'category', data: [...spec.rows], inverse: true,
      axisLabel: { fontSize: 12, color: INK }, axisTick: { show: false },
    },
    visualMap: [{
      // The pale background cells keep one flat colour.
      type: 'piecewise', show: false, seriesIndex: 0, pieces: [{ min: -Infinity, max: Infinity, color: EMPTY_CELL }],
    }, {
      type: 'continuous', min: 0, max: spec.shadeMax, dimension: 2, seriesIndex: 1, calculable: false, orient: 'horizontal',
      left: 'center', bottom: 6, itemWidth: 12, itemHeight: 160, text: [String(spec.shadeMax), `${spec.shadeLabel} 0`],
      textStyle: { color: MUTED, fontSize: 11 }, inRange: { color: HEAT_RAMP },
    }],
    series: [
      // Every cell drawn pale first, so an empty cell reads as "none" rather than missing.
      {
        type: 'heatmap', silent: true,
        data: spec.rows.flatMap((_, r) => spec.columns.map((__, c) => [c, r, 0])),
        itemStyle: { color: EMPTY_CELL, borderColor: '#ffffff', borderWidth: 2 },
      },
      {
        type: 'heatmap',
        data: spec.cells.filter((c) => c.count > 0).map((c) => ({
          value: [c.column, c.row, c.shade ?? 0, c.count],
          // White on the dark end of the ramp, ink on the light end.
          label: { color: (c.shade ?? 0) >= spec.shadeMax * 0.7 ? '#ffffff' : INK },
        })),
        label: { show: true, fontSize: 14, fontWeight: 'bold', formatter: (p: { value: unknown }) => String((p.value as number[])[3]) },
        itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
      },
    ],
  };
}

function stacked(spec: StackedChart): EChartsOption {
  const share = spec.kind === 'portfolio';
  const many = spec.categories.length > 8;
  return {
    ...base(spec, 78),
    legend: legend(spec.series.map((s) => s.name)),
    grid: { left: 64, right: 32, top: 104, bottom: many && !share ? 84 : 56 },
    xAxis: {
      type: 'category', data: [...spec.categories], name: spec.categoryLabel, nameLocation: 'middle', nameGap: many && !share ? 62 : 32,
      boundaryGap: !share,
      axisLabel: {
        color: MUTED, fontSize: 11, interval: share ? 'auto' : 0, rotate: many && !share ? 30 : 0, hideOverlap: share,
        formatter: share ? (v: string) => v.replace(/^\d{4}-/, '') : undefined,
      },
    },
    yAxis: {
      type: 'value', name: spec.valueLabel, min: 0, ...(share ? { max: 100 } : { minInterval: 1 }),
      nameTextStyle: { color: MUTED }, axisLabel: { color: MUTED, formatter: share ? '{value}%' : '{value}' },
      splitLine: { lineStyle: { color: GRID } },
    },
    series: spec.series.map((s) => share
      ? {
        type: 'line' as const, name: s.name, stack: 'share', data: [...s.values], symbol: 'none',
        lineStyle: { width: 1, color: color(s.tone) }, itemStyle: { color: color(s.tone) },
        // The healthy remainder stays pale so the red and orange shares stand out.
        areaStyle: { color: s.tone === 'green' ? tint(s.tone, 0.25) : color(s.tone), opacity: s.tone === 'green' ? 1 : 0.85 },
      }
      : {
        type: 'bar' as const, name: s.name, stack: 'total', data: [...s.values], barMaxWidth: 42,
        itemStyle: { color: color(s.tone) },
        label: { show: true, color: '#ffffff', fontSize: 11, formatter: (p: { value: unknown }) => (Number(p.value) > 0 ? String(p.value) : '') },
      }),
  };
}

export function echartsOption(spec: ChartSpec, width = 800): EChartsOption {
  switch (spec.kind) {
    case 'trend': return trend(spec);
    case 'radar': return radar(spec);
    case 'heatmap': return heatmap(spec, width);
    case 'stackedBar':
    case 'portfolio': return stacked(spec);
  }
}
