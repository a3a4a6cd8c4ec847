// A team's weekly schedule: when reps are asked, reminded, when the week closes with the digest,
// and when overdue follow-ups are nudged. Validated by zod; a bad value names its key.
import { z } from 'zod';
import { text } from '../../core/i18n.js';
import { AppError } from '../shared/app-error.js';
import { ISO_DAYS, isValidTimeZone, minutesOf, type IsoDayName } from './zoned-time.js';

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

const time = z.string().regex(TIME_RE, 'expected a 24-hour time HH:MM, e.g. "16:00"');
const day = z.enum(ISO_DAYS, { error: `expected one of ${ISO_DAYS.join(', ')}` });
const at = z.object({ day, time }).strict();
const isoDate = z.string().regex(DATE_RE, 'expected a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'not a real calendar date');

/** A moment of the week in the team's timezone. */
export interface WeeklyAt {
  day: IsoDayName;
  /** `HH:MM`, 24 h */
  time: string;
}

/**
 * Team schedule settings. Timing is relative to the report week W: the prompt falls in W
 * (Friday of W asks for W's report); the deadline is the first (day, time) after the prompt
 * (Monday of W+1 closes W); reminders fall between the two.
 */
export interface ScheduleSettings {
  /** IANA timezone of the team, e.g. `Asia/Shanghai`. */
  timezone: string;
  prompt: WeeklyAt;
  /** Only to reps who have not submitted; each strictly between prompt and deadline. */
  reminders: WeeklyAt[];
  /** The report closes and the digest goes out. */
  deadline: WeeklyAt;
  /** Daily nudges about follow-up tasks past due. */
  nudge: { time: string; days: IsoDayName[] };
  /** Team holidays `YYYY-MM-DD` (see week-plan.ts for what moves and what is skipped). */
  holidays: string[];
  /** The monthly review, on the first working day of the month at this time (default 10:00). */
  review?: { time: string };
}

export const DEFAULT_SCHEDULE: ScheduleSettings = {
  timezone: 'Asia/Shanghai',
  prompt: { day: 'fri', time: '16:00' },
  reminders: [{ day: 'mon', time: '10:00' }],
  deadline: { day: 'mon', time: '12:00' },
  nudge: { time: '09:30', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
  holidays: [],
};

const schema = z.object({
  timezone: z.string().refine(isValidTimeZone, 'expected an IANA timezone such as "Asia/Shanghai" or "America/New_York"'),
  prompt: at,
  reminders: z.array(at).max(5, 'at most 5 reminders'),
  deadline: at,
  nudge: z.object({ time, days: z.array(day).max(7) }).strict(),
  holidays: z.array(isoDate).max(400),
  review: z.object({ time }).strict().optional(),
}).strict();

export class ScheduleSettingsError extends AppError {
  declare readonly code: 'bad_schedule';
  constructor(readonly issues: string[]) {
    super('bad_schedule', `invalid schedule settings: ${issues.join('; ')}`, {
      userMessage: text(`日程设置无效：${issues.join('；')}`, `The schedule settings are invalid: ${issues.join('; ')}`),
    });
    this.name = 'ScheduleSettingsError';
  }
}

/** Minutes from Monday 00:00 of the report week. */
export const weekMinute = (a: WeeklyAt): number => ISO_DAYS.indexOf(a.day) * 1440 + minutesOf(a.time);

/** The deadline as minutes from Monday 00:00 of W: the first occurrence after the prompt. */
export function deadlineMinute(s: Pick<ScheduleSettings, 'prompt' | 'deadline'>): number {
  const p = weekMinute(s.prompt);
  const d = weekMinute(s.deadline);
  return d > p ? d : d + 7 * 1440;
}

/** A reminder as minutes from Monday 00:00 of W: its first occurrence after the prompt. */
export function reminderMinute(s: Pick<ScheduleSettings, 'prompt'>, r: WeeklyAt): number {
  const p = weekMinute(s.prompt);
  const m = weekMinute(r);
  return m > p ? m : m + 7 * 1440;
}

/**
 * Validate raw settings (e.g. from the config file or a manager's chat command) over the defaults:
 * absent keys take the default (`timezone` from `fallbackTimezone` when given). Throws
 * ScheduleSettingsError whose issues read `prompt.time: expected a 24-hour time HH:MM …`.
 */
export function parseScheduleSettings(raw: unknown, fallbackTimezone?: string): ScheduleSettings {
  if (raw != null && (typeof raw !== 'object' || Array.isArray(raw))) {
    throw new ScheduleSettingsError(['(root): expected an object of schedule settings']);
  }
  const base: ScheduleSettings = { ...DEFAULT_SCHEDULE, timezone: fallbackTimezone ?? DEFAULT_SCHEDULE.timezone };
  const merged = { ...base, ...((raw ?? {}) as Record<string, unknown>) };
  const result = schema.safeParse(merged);
  if (!result.success) {
    throw new ScheduleSettingsError(result.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`));
  }
  const s = result.data as ScheduleSettings;
  const issues: string[] = [];
  const d = deadlineMinute(s);
  s.reminders.forEach((r, i) => {
    const m = reminderMinute(s, r);
    if (m >= d) issues.push(`reminders.${i}: ${r.day} ${r.time} is not between the prompt (${s.prompt.day} ${s.prompt.time}) and the deadline (${s.deadline.day} ${s.deadline.time})`);
  });
  if (issues.length) throw new ScheduleSettingsError(issues);
  return { ...s, holidays: [...new Set(s.holidays)].sort() };
}
