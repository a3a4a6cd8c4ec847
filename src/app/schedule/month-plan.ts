// The monthly review step: on the first working day of the month (not a weekend, not a team holiday)
// at `review.time` (default 10:00) in the team's timezone, about the month before. Missed while the bot
// was down, it runs when it starts, any time in the same month.
import { addDays, formatWeekId, isoWeekOfUtcDate } from '../../core/weekly-report/week.js';
import type { ScheduleSettings } from './schedule-settings.schema.js';
import type { PlannedStep } from './week-plan.js';
import { isoDayOfDate, wallClock, zonedInstant } from './zoned-time.js';

export const DEFAULT_REVIEW_TIME = '10:00';

/** `YYYY-MM` of the month before `month`. */
export const previousMonth = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/** `YYYY-MM` of the month after `month`. */
export const nextMonthOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** The first day of `month` that is neither a weekend nor a team holiday. */
export function firstWorkingDay(month: string, holidays: readonly string[]): string {
  const off = new Set(holidays);
  let d = `${month}-01`;
  for (let i = 0; i < 31 && (isoDayOfDate(d) >= 6 || off.has(d)); i++) d = addDays(d, 1);
  return d;
}

/** The review of the previous month as planned this month (run key `review@YYYY-MM`, the month reviewed). */
export function reviewStepFor(now: Date, settings: ScheduleSettings): PlannedStep {
  const today = wallClock(now, settings.timezone).date;
  const date = firstWorkingDay(today.slice(0, 7), settings.holidays);
  const { year, week } = isoWeekOfUtcDate(new Date(`${date}T00:00:00Z`));
  return {
    step: 'review', week: formatWeekId(year, week), runKey: `review@${previousMonth(today.slice(0, 7))}`, date,
    at: zonedInstant(date, settings.review?.time ?? DEFAULT_REVIEW_TIME, settings.timezone),
  };
}
