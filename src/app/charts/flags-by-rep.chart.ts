// Red flags per owning rep, stacked by grade (A red, B orange), most A first.
import type { Grade } from '../../core/customer-risk/types.js';
import type { Locale } from '../../core/i18n.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import { withAlt, type StackedChart } from '../../ui/chart.js';
import { C, GRADE_LABEL } from './labels.js';
import { say } from '../../core/i18n.js';
import { chartsText } from './charts.messages.js';

export interface FlagsByRepInput {
  week: WeekId;
  /** Each flagged customer's owning rep (null = no owner) and grade. */
  flagged: ReadonlyArray<{ rep: string | null; grade: Grade }>;
  /** Reps beyond this are merged into "Others". */
  maxReps?: number;
}

export function flagsByRepChart(input: FlagsByRepInput, locale: Locale): StackedChart {
  const maxReps = input.maxReps ?? 15;
  const counts = new Map<string, { A: number; B: number }>();
  for (const f of input.flagged) {
    const name = f.rep ?? say(locale, C.unassigned);
    const c = counts.get(name) ?? { A: 0, B: 0 };
    c[f.grade]++;
    counts.set(name, c);
  }
  let rows = [...counts.entries()].sort((a, b) => b[1].A - a[1].A || (b[1].A + b[1].B) - (a[1].A + a[1].B) || a[0].localeCompare(b[0]));
  if (rows.length > maxReps) {
    const tail = rows.slice(maxReps - 1).reduce((acc, [, c]) => ({ A: acc.A + c.A, B: acc.B + c.B }), { A: 0, B: 0 });
    rows = [...rows.slice(0, maxReps - 1), [say(locale, C.others), tail]];
  }
  return withAlt<StackedChart>({
    kind: 'stackedBar', locale,
    title: say(locale, chartsText.redFlagsByRep),
    subtitle: say(locale, chartsText.flagged(input.week, input.flagged.length)),
    categories: rows.map(([name]) => name),
    categoryLabel: say(locale, C.rep),
    valueLabel: say(locale, C.customers),
    series: [
      { name: say(locale, GRADE_LABEL.A), values: rows.map(([, c]) => c.A), tone: 'red' },
      { name: say(locale, GRADE_LABEL.B), values: rows.map(([, c]) => c.B), tone: 'orange' },
    ],
  });
}
