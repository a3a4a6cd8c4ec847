// A customer's seven risk sub-scores against the median customer of its segment.
import { DIMENSIONS, type Dimension } from '../../core/customer-risk/types.js';
import type { Locale } from '../../core/i18n.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import { withAlt, type RadarChart } from '../../ui/chart.js';
import { DIMENSION_LABEL } from './labels.js';
import { say } from '../../core/i18n.js';
import { chartsText } from './charts.messages.js';

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
    series.push({ name: say(locale, chartsText.segmentMedian(input.segment.customers)), values: values(input.segment.median), tone: 'blue' });
  }
  return withAlt<RadarChart>({
    kind: 'radar', locale,
    title: say(locale, chartsText.riskByDimension(input.customer)),
    subtitle: input.segment
      ? say(locale, chartsText.vsTheMedianCustomerOf(input.week, input.segment.label))
      : say(locale, chartsText.noComparableCustomers(input.week)),
    axes: DIMENSIONS.map((d) => ({ label: say(locale, DIMENSION_LABEL[d]), max: 100 })),
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
