// The book week by week: share of customers graded A, B, and not flagged.
import type { Locale } from '../../core/i18n.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import { withAlt, type StackedChart } from '../../ui/chart.js';
import { C, GRADE_LABEL } from './labels.js';
import { say } from '../../core/i18n.js';
import { chartsText } from './charts.messages.js';

export interface PortfolioInput {
  /** Ascending; counts of scored customers per grade. */
  weeks: ReadonlyArray<{ week: WeekId; A: number; B: number; none: number }>;
  /** Whose customers, when not the whole team's (a rep's own book): named in the title. */
  owner?: string;
}

const pct = (n: number, total: number) => (total === 0 ? 0 : Math.round((n / total) * 1000) / 10);

export function portfolioChart(input: PortfolioInput, locale: Locale): StackedChart {
  const totals = input.weeks.map((w) => w.A + w.B + w.none);
  const last = input.weeks.at(-1);
  return withAlt<StackedChart>({
    kind: 'portfolio', locale,
    title: input.owner
      ? say(locale, chartsText.sCustomersByGrade(input.owner))
      : say(locale, chartsText.customersByGrade),
    subtitle: say(locale, chartsText.lastWeeks(input.weeks.length, last?.week ?? null)),
    categories: input.weeks.map((w) => w.week),
    categoryLabel: say(locale, C.week),
    valueLabel: say(locale, C.share),
    series: [
      { name: say(locale, GRADE_LABEL.A), values: input.weeks.map((w, i) => pct(w.A, totals[i]!)), tone: 'red' },
      { name: say(locale, GRADE_LABEL.B), values: input.weeks.map((w, i) => pct(w.B, totals[i]!)), tone: 'orange' },
      // The remainder, so the three shares always add up to exactly 100.
      { name: say(locale, C.noFlag), values: input.weeks.map((w, i) => totals[i] === 0 ? 0 : Math.round((100 - pct(w.A, totals[i]!) - pct(w.B, totals[i]!)) * 10) / 10), tone: 'green' },
    ],
    counts: [input.weeks.map((w) => w.A), input.weeks.map((w) => w.B), input.weeks.map((w) => w.none)],
  });
}
