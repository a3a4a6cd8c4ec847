// The pure chart builders: grouping, ranking, merging the tail, shares, and the text alternatives.
import { describe, expect, it } from 'vitest';
import { customerRadarChart, medianByDimension } from '../../../src/app/charts/customer-radar.chart.js';
import { flagsByRepChart } from '../../../src/app/charts/flags-by-rep.chart.js';
import { portfolioChart } from '../../../src/app/charts/portfolio.chart.js';
import { teamHeatmapChart } from '../../../src/app/charts/team-heatmap.chart.js';
import { customerTrendChart } from '../../../src/app/charts/customer-trend.chart.js';

const dims = (v: number) => ({ payment: v, activity: v, complaints: v, fit: v, churn: v, revenue: v, cycle: v });

describe('chart builders', () => {
  it('heat map: a customer counts under each of its problems; rows ranked; missing group named', () => {
    const spec = teamHeatmapChart({
      week: '2026-W48', by: 'region', flagged: [
        { group: 'East', tags: ['overdue', 'silent'], index: 88, grade: 'A' },
        { group: 'East', tags: ['overdue'], index: 60, grade: 'B' },
        { group: null, tags: ['complaints'], index: 77, grade: 'A' },
      ],
    }, 'en');
    expect(spec.rows).toEqual(['East', '(not set)']);
    expect(spec.cells).toEqual([
      { row: 0, column: 0, count: 2, shade: 88 },
      { row: 0, column: 1, count: 1, shade: 88 },
      { row: 1, column: 2, count: 1, shade: 77 },
    ]);
    expect(spec.alt).toBe('Red flags heat map (2026-W48 · Region × problem type · 3 flagged): East × Overdue payment: 2 customers, worst index 88; '
      + 'East × Gone quiet: 1 customers, worst index 88; (not set) × Complaints: 1 customers, worst index 77');
  });

  it('heat map: groups beyond maxRows are merged into Others', () => {
    const flagged = ['a', 'b', 'c', 'd'].map((g, i) => ({ group: g, tags: ['overdue' as const], index: 50 + i, grade: 'B' as const }));
    const spec = teamHeatmapChart({ week: '2026-W48', by: 'industry', flagged, maxRows: 3 }, 'zh');
    expect(spec.rows).toEqual(['a', 'b', '其他']);
    expect(spec.cells.find((c) => c.row === 2)).toEqual({ row: 2, column: 0, count: 2, shade: 53 });
  });

  it('by rep: most A first, unassigned named, tail merged', () => {
    const spec = flagsByRepChart({
      week: '2026-W48', maxReps: 3, flagged: [
        { rep: '李伟', grade: 'B' }, { rep: '李伟', grade: 'B' }, { rep: '张敏', grade: 'A' }, { rep: '张敏', grade: 'A' },
        { rep: null, grade: 'A' }, { rep: null, grade: 'B' },
        { rep: '王芳', grade: 'B' }, { rep: '赵强', grade: 'A' },
      ],
    }, 'zh');
    expect(spec.categories).toEqual(['张敏', '未分配', '其他']);
    expect(spec.series[0]!.values).toEqual([2, 1, 1]);
    expect(spec.series[1]!.values).toEqual([0, 1, 3]);
    expect(spec.alt).toContain('其他：A 级 1, B 级 3');
  });

  it('portfolio: shares rounded to 0.1% that add up to 100, counts kept, empty weeks 0', () => {
    const spec = portfolioChart({ weeks: [{ week: '2026-W47', A: 1, B: 2, none: 4 }, { week: '2026-W48', A: 0, B: 0, none: 0 }] }, 'en');
    expect(spec.series.map((s) => s.values[0])).toEqual([14.3, 28.6, 57.1]);
    expect(spec.series.map((s) => s.values[1])).toEqual([0, 0, 0]);
    expect(spec.alt).toContain('2026-W47: Grade A 14.3% (1), Grade B 28.6% (2), No flag 57.1% (4)');
  });

  it('radar: the segment median, and the alt text lists every axis of every series', () => {
    expect(medianByDimension([dims(1), dims(5), dims(3)]).payment).toBe(3);
    expect(medianByDimension([dims(1), dims(4)]).cycle).toBe(2.5);
    const spec = customerRadarChart({ customer: 'Acme', week: '2026-W48', scores: dims(80), segment: { label: 'software / East', customers: 4, median: dims(10) } }, 'en');
    expect(spec.series.map((s) => s.name)).toEqual(['Acme', 'Segment median (4)']);
    expect(spec.alt).toContain('Acme: Payment 80, Activity 80, Complaints 80, Product fit 80, Req. churn 80, Revenue trend 80, Deal cycle 80');
    expect(spec.alt).toContain('Segment median (4): Payment 10');
  });

  it('trend: bands follow the configured grade thresholds', () => {
    const spec = customerTrendChart({ customer: 'Acme', weeks: ['2026-W47', '2026-W48'], index: [40.4, null], revenue: [null, 5], grades: { A: 80, B: 55 } }, 'en');
    expect(spec.bands.map((b) => [b.from, b.to])).toEqual([[55, 80], [80, 100]]);
    expect(spec.alt).toBe('Acme · risk index (last 2 weeks to 2026-W48): Index: 2026-W47 40, 2026-W48 —; Grade B 55–80, Grade A 80–100; Revenue (¥): 2026-W47 —, 2026-W48 5');
  });
});
