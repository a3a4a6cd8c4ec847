// Review periods: the last 8 report weeks ending at a week, or a calendar month (the ISO weeks whose
// Thursday falls in it, so every week belongs to exactly one month).
import { addDays, addWeeks, isoWeekOfUtcDate, formatWeekId, weekEndDate, weekRange, weekStartDate, type WeekId } from '../weekly-report/week.js';

export const RANKING_WEEKS = 8;

export interface Period {
  kind: 'week' | 'month';
  /** `2026-W48` (the period's last week) or `2026-11`. */
  id: string;
  weeks: WeekId[];
  /** First Monday and last Sunday of the weeks, `YYYY-MM-DD`. */
  from: string;
  to: string;
}

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
export const isMonthId = (v: string): boolean => MONTH_RE.test(v);

const make = (kind: Period['kind'], id: string, weeks: WeekId[]): Period => ({
  kind, id, weeks, from: weekStartDate(weeks[0]!), to: weekEndDate(weeks.at(-1)!),
});

/** The `RANKING_WEEKS` weeks ending at `week`. */
export function weekPeriod(week: WeekId, length = RANKING_WEEKS): Period {
  return make('week', week, weekRange(addWeeks(week, -(length - 1)), week));
}

/** The ISO week a date falls in. */
const weekOfDate = (date: string): WeekId => {
  const { year, week } = isoWeekOfUtcDate(new Date(`${date}T00:00:00Z`));
  return formatWeekId(year, week);
};

/** The weeks of a month `YYYY-MM`: those whose Thursday is in the month. */
export function monthPeriod(month: string): Period {
  if (!isMonthId(month)) throw new RangeError(`not a month (expected YYYY-MM): ${month}`);
  const first = `${month}-01`;
  let w = weekOfDate(first);
  if (addDays(weekStartDate(w), 3) < first) w = addWeeks(w, 1);
  const weeks: WeekId[] = [];
  for (; addDays(weekStartDate(w), 3).startsWith(month); w = addWeeks(w, 1)) weeks.push(w);
  return make('month', month, weeks);
}

/** The period just before (same length for weeks; the previous month for a month). */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'week') return weekPeriod(addWeeks(p.weeks[0]!, -1), p.weeks.length);
  const [y, m] = p.id.split('-').map(Number) as [number, number];
  return monthPeriod(m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`);
}

/** The month `YYYY-MM` a week belongs to (its Thursday). */
export const monthOfWeek = (week: WeekId): string => addDays(weekStartDate(week), 3).slice(0, 7);
