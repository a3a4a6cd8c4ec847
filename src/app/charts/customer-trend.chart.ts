// A customer's index over the last weeks, with the grade bands shaded and revenue as bars.
import type { Locale } from '../../core/i18n.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import { withAlt, type TrendChart } from '../../ui/chart.js';
import { C, GRADE_LABEL } from './labels.js';
import { say } from '../../core/i18n.js';
import { chartsText } from './charts.messages.js';

export interface CustomerTrendInput {
  customer: string;
  /** The weeks shown, ascending. */
  weeks: readonly WeekId[];
  /** Index per week (null: not scored that week). */
  index: ReadonlyArray<number | null>;
  /** Revenue booked per week (null: no report that week). */
  revenue: ReadonlyArray<number | null>;
  /** Grade thresholds: A at or above `A`, B at or above `B`. */
  grades: { A: number; B: number };
}

export function customerTrendChart(input: CustomerTrendInput, locale: Locale): TrendChart {
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return withAlt<TrendChart>({
    kind: 'trend', locale,
    title: say(locale, chartsText.riskIndex(input.customer)),
    subtitle: say(locale, chartsText.lastWeeks(input.weeks.length, input.weeks.at(-1) ?? null)),
    x: [...input.weeks],
    xLabel: say(locale, C.week),
    line: { name: say(locale, C.index), values: input.index.map(round), max: 100 },
    bands: [
      { from: input.grades.B, to: input.grades.A, label: say(locale, GRADE_LABEL.B), tone: 'orange' },
      { from: input.grades.A, to: 100, label: say(locale, GRADE_LABEL.A), tone: 'red' },
    ],
    bars: { name: say(locale, C.revenue), values: input.revenue.map(round), unit: '¥' },
  });
}
