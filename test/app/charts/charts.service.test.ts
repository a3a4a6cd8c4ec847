// The charts service reads the team's data through the repositories and states it in the charts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ChartError, createChartsService } from '../../../src/app/charts/charts.service.js';
import { renderPng } from '../../../src/chart-render/index.js';
import type { ChartSpec } from '../../../src/ui/chart.js';
import { createHarness } from '../support/app-harness.js';
import { DEFAULT_SCORING } from '../../../src/core/customer-risk/weights.js';

const save = (name: string, spec: ChartSpec) => {
  mkdirSync('test-output/charts', { recursive: true });
  writeFileSync(`test-output/charts/service-${name}.png`, renderPng(spec, { locale: spec.locale }));
};

describe('charts service', () => {
  const h = createHarness();
  const charts = createChartsService(h.app.ctx);
  const week = '2026-W47';
  const huaxing = h.app.ctx.repos.scores;

  it('trend: the last 12 weeks of the index, the A/B bands, revenue as bars', () => {
    const spec = charts.trend(h.customers.huaxing, week, 'zh');
    save('trend.zh', spec);
    expect(spec.x).toHaveLength(12);
    expect(spec.x.at(-1)).toBe(week);
    expect(spec.x[0]).toBe('2026-W36');
    const scores = huaxing.scoreHistory(h.customers.huaxing, '2026-W44', week).map((s) => Math.round(s.index));
    expect(spec.line.values.slice(-4)).toEqual(scores);
    expect(spec.line.values.slice(0, 8)).toEqual(Array(8).fill(null));
    expect(spec.bars?.values.slice(-4)).toEqual([10000, 10000, 10000, 10000]);
    expect(spec.bands.map((b) => [b.from, b.to, b.tone])).toEqual([[DEFAULT_SCORING.grades.B, DEFAULT_SCORING.grades.A, 'orange'], [DEFAULT_SCORING.grades.A, 100, 'red']]);
    expect(spec.alt).toContain(`2026-W47 ${scores.at(-1)}`);
    expect(spec.alt).toContain('2026-W47 10000');
    expect(spec.title).toContain('华星科技');
  });

  it('radar: seven sub-scores; without three comparable customers it says so', () => {
    const spec = charts.radar(h.customers.huaxing, week, 'en');
    save('radar.en', spec);
    expect(spec.axes.map((a) => a.label)).toEqual(['Payment', 'Activity', 'Complaints', 'Product fit', 'Req. churn', 'Revenue trend', 'Deal cycle']);
    const own = huaxing.scoresForWeek(h.teamId, week).find((s) => s.customerId === h.customers.huaxing)!;
    expect(spec.series[0]!.values[0]).toBe(Math.round(own.dimensions.payment.score));
    expect(spec.series[0]!.values[0]).toBeGreaterThan(50);
    expect(spec.series).toHaveLength(1);
    expect(spec.subtitle).toContain('no comparable customers');
    expect(spec.alt).toContain(`Payment ${spec.series[0]!.values[0]}`);
  });

  it('heat map: region × problem type, the count and the worst index', () => {
    const spec = charts.heatmap(week, 'zh');
    save('heatmap.zh', spec);
    const flagged = huaxing.scoresForWeek(h.teamId, week).filter((s) => s.grade !== null);
    expect(flagged.length).toBeGreaterThan(0);
    expect(spec.rows).toEqual(['East']);
    expect(spec.columns[0]).toBe('拖款');
    const overdue = spec.cells.find((c) => c.column === 0)!;
    expect(overdue.count).toBe(flagged.filter((s) => s.tags.includes('overdue')).length);
    expect(overdue.shade).toBe(Math.round(Math.max(...flagged.filter((s) => s.tags.includes('overdue')).map((s) => s.index))));
    expect(spec.alt).toContain(`East × 拖款：${overdue.count} 家`);
    const byIndustry = charts.heatmap(week, 'en', 'industry');
    expect(byIndustry.rows).toEqual(['software']);
  });

  it('by rep: flagged customers of each owning rep, stacked A and B', () => {
    const spec = charts.byRep(week, 'en');
    save('by-rep.en', spec);
    const flagged = huaxing.scoresForWeek(h.teamId, week).filter((s) => s.grade !== null);
    const total = spec.series.reduce((n, s) => n + s.values.reduce((a, b) => a + b, 0), 0);
    expect(total).toBe(flagged.length);
    expect(spec.categories[0]).toBe(h.members.rep1.name);
    expect(spec.series.map((s) => s.tone)).toEqual(['red', 'orange']);
  });

  it('portfolio: shares of customers per grade, week by week, adding up to 100', () => {
    const spec = charts.portfolio(week, 'zh');
    save('portfolio.zh', spec);
    expect(spec.categories).toEqual(['2026-W44', '2026-W45', '2026-W46', '2026-W47']);
    for (let i = 0; i < spec.categories.length; i++) {
      expect(spec.series.reduce((n, s) => n + s.values[i]!, 0)).toBeCloseTo(100, 5);
      expect(spec.counts!.reduce((n, c) => n + c[i]!, 0)).toBe(3);
    }
    expect(charts.portfolio(week, 'en', 2).categories).toEqual(['2026-W46', '2026-W47']);
  });

  it('names an unknown customer or a week without reports', () => {
    expect(() => charts.trend(99_999, week, 'en')).toThrow(ChartError);
    try {
      charts.heatmap('2020-W01', 'en');
      expect.unreachable();
    } catch (err) {
      expect((err as ChartError).code).toBe('unknown_week');
      expect((err as ChartError).userMessage.en).toBe('no reports for 2020-W01 (weeks with reports: 2026-W44 … 2026-W47)');
    }
    expect(() => charts.byRep('2026-47', 'en')).toThrow(/expected an ISO week/);
  });
});
