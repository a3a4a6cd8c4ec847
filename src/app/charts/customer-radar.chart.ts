// A customer's seven risk sub-scores against the median customer of its segment.
import { DIMENSIONS, type Dimension } from '../../core/customer-risk/types.js';
import type { Locale } from '../../core/i18n.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import { withAlt, type RadarChart } from '../../ui/chart.js';
import { DIMENSION_LABEL, lt, tr } from './labels.js';

export interface CustomerRadarInput {
  customer: string;
  week: WeekId;
  /** 0–100 per dimension. */
  scores: Record<Dimension, number>;
  /** The comparison: the per-dimension median of the segment's other customers. */
  segment: { label: string; customers: number; median: Record<Dimension, number> } | null;
}

export function customerRadarChart(input: CustomerRadarInput, locale: Locale): RadarChart {
  const values = (r: Record<Dimension, number>) => DIMENSIONS.map((d) => Math.round(r[d]));
  const series: RadarChart['series'][number][] = [{ name: input.customer, values: values(input.scores), tone: 'red' }];
  if (input.segment) {
    series.push({ name: tr(locale, `同类中位（${input.segment.customers} 家）`, `Segment median (${input.segment.customers})`), values: values(input.segment.median), tone: 'blue' });
  }
  return withAlt<RadarChart>({
    kind: 'radar', locale,
    title: tr(locale, `${input.customer} · 七维风险`, `${input.customer} · risk by dimension`),
    subtitle: input.segment
      ? tr(locale, `${input.week} · 对比 ${input.segment.label} 的中位客户`, `${input.week} · vs the median customer of ${input.segment.label}`)
      : tr(locale, `${input.week} · 暂无可比客户`, `${input.week} · no comparable customers`),
    axes: DIMENSIONS.map((d) => ({ label: lt(DIMENSION_LABEL[d], locale), max: 100 })),
    series,
  });
}

/** The median of each dimension over a set of scores (0 for an empty set). */
export function medianByDimension(rows: ReadonlyArray<Record<Dimension, number>>): Record<Dimension, number> {
  const out = {} as Record<Dimension, number>;
  for (const d of DIMENSIONS) {
    const sorted = rows.map((r) => r[d]).sort((a, b) => a - b);
    const n = sorted.length;
    out[d] = n === 0 ? 0 : n % 2 === 1 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
  }
  return out;
}
