// Which steps of the weekly cycle are due now, including catch-up after downtime.
//
// Report week W: the prompt (Friday of W) asks for W's report; reminders and the deadline/digest
// (Monday of W+1) close W. A step missed while the bot was down runs when it starts, if useful:
// - prompt: until the deadline (and not once the digest ran);
// - reminder: only before the deadline; of several missed ones only the latest runs, and none runs
//   in the same tick as a caught-up prompt (the prompt is the fresher ask) — skipped ones are
//   listed in `supersedes` so the scheduler records them as done;
// - digest: any time after the deadline if it never ran (within `catchUpWeeks`, and not for a
//   deadline before `notBefore`, e.g. the team's first start);
// - nudge: only today's (team timezone), on nudge days that are not holidays.
import { addWeeks, formatWeekId, isoWeekOfUtcDate, weekOfInstant, type WeekId } from '../../core/weekly-report/week.js';
import type { ScheduleSettings } from './schedule-settings.schema.js';
import { planWeek, type PlannedStep } from './week-plan.js';
import { ISO_DAYS, wallClock, zonedInstant } from './zoned-time.js';
import { nextMonthOf, reviewStepFor } from './month-plan.js';

export interface DueStep extends PlannedStep {
  /** True when the scheduled instant passed more than a minute ago (the bot was down or busy). */
  catchUp: boolean;
  /** Run keys of the same week made pointless by this step; record them as done after it ran. */
  supersedes: string[];
}

export interface DueStepsInput {
  settings: ScheduleSettings;
  now: Date;
  /** Whether (week, runKey) already ran to the end (JobRunRepo.hasRun for the team). */
  hasRun: (week: WeekId, runKey: string) => boolean;
  /** Members' own timezones: the prompt step becomes due at the earliest of their prompt times. */
  memberTimeZones?: readonly string[];
  /** Digests whose deadline is before this are history, not missed. */
  notBefore?: Date;
  /** Include the monthly review step (the bot does; callers planning only the weekly cycle leave it out). */
  monthlyReview?: boolean;
  /** How many report weeks back a missed digest is still sent. Default 2. */
  catchUpWeeks?: number;
}

const LATE_MS = 60_000;

/** Due steps, earliest first. Pure: same input, same answer. */
export function dueSteps(input: DueStepsInput): DueStep[] {
  const { settings, now, hasRun } = input;
  const t = now.getTime();
  const out: DueStep[] = [];
  const due = (p: PlannedStep, supersedes: string[] = []): DueStep => ({ ...p, catchUp: t - p.at.getTime() > LATE_MS, supersedes });

  const today = wallClock(now, settings.timezone);
  const iso = isoWeekOfUtcDate(new Date(`${today.date}T00:00:00Z`));
  const current = formatWeekId(iso.year, iso.week);
  const back = Math.max(1, input.catchUpWeeks ?? 2);
  for (let i = back; i >= 0; i--) {
    const week = addWeeks(current, -i);
    const plan = planWeek(week, settings, input.memberTimeZones ?? []);
    const digestRan = hasRun(week, 'digest');
    const beforeDeadline = t < plan.digest.at.getTime();

    if (plan.digest.at.getTime() <= t && !digestRan && (!input.notBefore || plan.digest.at >= input.notBefore)) {
      out.push(due(plan.digest));
    }
    if (!beforeDeadline || digestRan) continue;

    const promptPending = plan.prompt.at.getTime() <= t && !hasRun(week, 'prompt');
    const passedReminders = plan.reminders.filter((r) => r.at.getTime() <= t && !hasRun(week, r.runKey));
    if (promptPending) {
      out.push(due(plan.prompt, passedReminders.map((r) => r.runKey)));
    } else if (passedReminders.length > 0) {
      const latest = passedReminders[passedReminders.length - 1] as PlannedStep;
      out.push(due(latest, passedReminders.slice(0, -1).map((r) => r.runKey)));
    }
  }

  const dayName = ISO_DAYS[today.isoDay - 1];
  if (dayName && settings.nudge.days.includes(dayName) && !settings.holidays.includes(today.date)) {
    const at = nudgeInstant(settings, today.date);
    const runKey = `nudge@${today.date}`;
    if (at.getTime() <= t && !hasRun(current, runKey)) out.push(due({ step: 'nudge', week: current, runKey, date: today.date, at }));
  }
  // The month's review: due from its instant until the month ends, once; not for a month before notBefore.
  const review = reviewStepFor(now, settings);
  if (input.monthlyReview && review.at.getTime() <= t && !hasRun(review.week, review.runKey) && (!input.notBefore || review.at >= input.notBefore)) out.push(due(review));
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

const nudgeCache = new WeakMap<ScheduleSettings, { date: string; at: Date }>();

// Today's nudge instant, remembered per settings (the scheduler asks every minute).
function nudgeInstant(settings: ScheduleSettings, date: string): Date {
  const hit = nudgeCache.get(settings);
  if (hit && hit.date === date) return hit.at;
  const at = zonedInstant(date, settings.nudge.time, settings.timezone);
  nudgeCache.set(settings, { date, at });
  return at;
}

/**
 * The next instant any step of the team could become due after `now` (for logs and sleeping), the
 * monthly review included unless `monthlyReview` is false (as in dueSteps).
 */
export function nextStepAt(settings: ScheduleSettings, now: Date, memberTimeZones: readonly string[] = [], monthlyReview = true): Date | null {
  const t = now.getTime();
  const week = weekOfInstant(now, settings.timezone);
  let best: number | null = null;
  for (const w of [addWeeks(week, -1), week, addWeeks(week, 1)]) {
    const p = planWeek(w, settings, memberTimeZones);
    for (const s of [p.prompt, ...p.reminders, p.digest]) {
      const at = s.at.getTime();
      if (at > t && (best === null || at < best)) best = at;
    }
  }
  if (monthlyReview) {
    // This month's review if still ahead, else next month's (planned from that month's first day).
    const thisMonth = reviewStepFor(now, settings).at.getTime();
    const nextMonth = reviewStepFor(zonedInstant(`${nextMonthOf(wallClock(now, settings.timezone).date.slice(0, 7))}-01`, '00:00', settings.timezone), settings).at.getTime();
    for (const at of [thisMonth, nextMonth]) if (at > t && (best === null || at < best)) best = at;
  }
  return best === null ? null : new Date(best);
}
