// The concrete instants of one report week's steps, in the team's timezone.
//
// Holidays (team list, `YYYY-MM-DD` in the team's timezone):
// - a prompt on a holiday moves BACK to the latest earlier weekday of the same week that is not a
//   holiday (Friday off → Thursday 16:00), so the week is still asked for before people leave;
//   if there is none, it stays;
// - a reminder on a holiday is skipped (nobody is pinged on a day off; the deadline still comes);
// - the deadline/digest on a holiday moves FORWARD to the next day that is not a holiday or a
//   weekend, same time (managers read it when they are back).
import { addDays, weekStartDate, type WeekId } from '../../core/weekly-report/week.js';
import {
  deadlineMinute, reminderMinute, weekMinute, type ScheduleSettings,
} from './schedule-settings.schema.js';
import { isoDayOfDate, zonedInstant } from './zoned-time.js';

export type StepKind = 'prompt' | 'remind' | 'digest' | 'nudge' | 'review';

export interface PlannedStep {
  step: StepKind;
  week: WeekId;
  /** The job-run step id, unique per week: `prompt`, `remind`, `remind#2`, `digest`, `nudge@2026-03-09`, `review@2026-02`. */
  runKey: string;
  /** Local date in the team's timezone. */
  date: string;
  /** The instant (team timezone; for the prompt, the earliest of the team's and the extra zones). */
  at: Date;
}

export interface WeekPlan {
  week: WeekId;
  prompt: PlannedStep;
  reminders: PlannedStep[];
  digest: PlannedStep;
}

const isWeekend = (date: string) => isoDayOfDate(date) >= 6;

function dateAt(week: WeekId, minute: number): { date: string; time: string } {
  const dayOffset = Math.floor(minute / 1440);
  const m = minute % 1440;
  return { date: addDays(weekStartDate(week), dayOffset), time: `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}` };
}

/** The local date of week W's prompt after the holiday rule. */
export function promptDate(week: WeekId, settings: ScheduleSettings): string {
  const { date } = dateAt(week, weekMinute(settings.prompt));
  const holidays = new Set(settings.holidays);
  if (!holidays.has(date)) return date;
  const monday = weekStartDate(week);
  for (let d = addDays(date, -1); d >= monday; d = addDays(d, -1)) {
    if (!holidays.has(d) && !isWeekend(d)) return d;
  }
  return date;
}

/**
 * When a person's prompt for `week` is due: the prompt's local date and time in their own timezone
 * (falling back to the team's). The prompt job enqueues each rep's message with this instant as its
 * outbox time, so a rep in New York is asked at 16:00 New York time.
 */
export function promptTimeFor(week: WeekId, settings: ScheduleSettings, memberTimeZone?: string | null): Date {
  return zonedInstant(promptDate(week, settings), settings.prompt.time, memberTimeZone || settings.timezone);
}

// Plans are pure functions of (settings object, week, zones) and Intl is slow: memoise per settings.
const cache = new WeakMap<ScheduleSettings, Map<string, WeekPlan>>();

/** The instants of week W's prompt, reminders and digest. `extraTimeZones`: members' own zones. */
export function planWeek(week: WeekId, settings: ScheduleSettings, extraTimeZones: readonly string[] = []): WeekPlan {
  let perSettings = cache.get(settings);
  if (!perSettings) cache.set(settings, (perSettings = new Map()));
  const key = `${week}|${extraTimeZones.join(',')}`;
  const hit = perSettings.get(key);
  if (hit) return hit;
  if (perSettings.size > 500) perSettings.clear();
  const plan = computePlan(week, settings, extraTimeZones);
  perSettings.set(key, plan);
  return plan;
}

function computePlan(week: WeekId, settings: ScheduleSettings, extraTimeZones: readonly string[]): WeekPlan {
  const tz = settings.timezone;
  const holidays = new Set(settings.holidays);

  const pDate = promptDate(week, settings);
  let pAt = zonedInstant(pDate, settings.prompt.time, tz);
  for (const z of extraTimeZones) {
    const t = promptTimeFor(week, settings, z);
    if (t < pAt) pAt = t;
  }
  const prompt: PlannedStep = { step: 'prompt', week, runKey: 'prompt', date: pDate, at: pAt };

  const dl = dateAt(week, deadlineMinute(settings));
  let dDate = dl.date;
  for (let i = 0; i < 30 && (holidays.has(dDate) || isWeekend(dDate)) && holidays.has(dl.date); i++) dDate = addDays(dDate, 1);
  const digest: PlannedStep = { step: 'digest', week, runKey: 'digest', date: dDate, at: zonedInstant(dDate, dl.time, tz) };

  const reminders: PlannedStep[] = [];
  settings.reminders.forEach((r, i) => {
    const { date, time } = dateAt(week, reminderMinute(settings, r));
    if (holidays.has(date)) return;
    const at = zonedInstant(date, time, tz);
    if (at <= prompt.at || at >= digest.at) return;
    reminders.push({ step: 'remind', week, runKey: i === 0 ? 'remind' : `remind#${i + 1}`, date, at });
  });
  reminders.sort((a, b) => a.at.getTime() - b.at.getTime());
  return { week, prompt, reminders, digest };
}
