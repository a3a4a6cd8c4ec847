// `/radar schedule …` for managers (show or change the team's weekly schedule) and
// `/radar timezone Area/City` for anyone (their own timezone, used for their weekly prompt).
import type { CardSpec } from '../../ui/card.js';

import { ScheduleSettingsError, type ScheduleSettings, type WeeklyAt } from './index.js';
import { isValidTimeZone } from './zoned-time.js';
import { teamSchedule, updateTeamSchedule } from './schedule.service.js';
import type { FeatureHandlers, Interaction } from '../interaction/interaction-context.js';
import { isManagerial, notAllowed } from '../interaction/interaction-context.js';
import { answer, type Answer } from '../answer.js';
import { say } from '../../core/i18n.js';
import { scheduleText } from './schedule.messages.js';

const DAYS: Record<string, WeeklyAt['day']> = {
  mon: 'mon', tue: 'tue', wed: 'wed', thu: 'thu', fri: 'fri', sat: 'sat', sun: 'sun',
  monday: 'mon', tuesday: 'tue', wednesday: 'wed', thursday: 'thu', friday: 'fri', saturday: 'sat', sunday: 'sun',
  周一: 'mon', 周二: 'tue', 周三: 'wed', 周四: 'thu', 周五: 'fri', 周六: 'sat', 周日: 'sun', 周天: 'sun',
  星期一: 'mon', 星期二: 'tue', 星期三: 'wed', 星期四: 'thu', 星期五: 'fri', 星期六: 'sat', 星期日: 'sun',
};
const FIELD: Record<string, 'prompt' | 'reminders' | 'deadline' | 'nudge' | 'timezone' | 'holiday'> = {
  prompt: 'prompt', 提醒填写: 'prompt', 发送: 'prompt',
  reminder: 'reminders', reminders: 'reminders', 催交: 'reminders',
  deadline: 'deadline', digest: 'deadline', 截止: 'deadline',
  nudge: 'nudge', 跟进提醒: 'nudge',
  timezone: 'timezone', tz: 'timezone', 时区: 'timezone',
  holiday: 'holiday', holidays: 'holiday', 假期: 'holiday',
};

export const SCHEDULE_RE = /^(schedule|日程|时间表)(\s+.*)?$/i;
export const TIMEZONE_RE = /^(?:timezone|tz|时区)\s+(\S+)$/i;

function weeklyAt(dayRaw: string | undefined, time: string | undefined): WeeklyAt | null {
  const day = dayRaw ? DAYS[dayRaw.toLowerCase()] : undefined;
  return day && time && /^\d{1,2}:\d{2}$/.test(time) ? { day, time: time.padStart(5, '0') } : null;
}

const show = (s: ScheduleSettings, locale: 'zh' | 'en'): CardSpec => {
  const at = (a: WeeklyAt) => `${a.day} ${a.time}`;
  const title = say(locale, scheduleText.weeklySchedule);
  return {
    title, tone: 'blue', summary: title,
    blocks: [
      { type: 'fields', fields: [
        { label: say(locale, scheduleText.timezone), value: [s.timezone] },
        { label: say(locale, scheduleText.prompt), value: [at(s.prompt)] },
        { label: say(locale, scheduleText.reminders), value: [s.reminders.map(at).join(', ') || '—'] },
        { label: say(locale, scheduleText.deadlineDigest), value: [at(s.deadline)] },
        { label: say(locale, scheduleText.taskNudges), value: [`${s.nudge.time} (${s.nudge.days.join(' ')})`] },
        { label: say(locale, scheduleText.holidays), value: [s.holidays.join(', ') || '—'] },
      ] },
      { type: 'note', text: [say(locale, scheduleText.changeItSchedulePromptFri)] },
    ],
  };
};

function patchFrom(args: string[], current: ScheduleSettings): Partial<ScheduleSettings> | string {
  const [rawField, ...rest] = args;
  const field = rawField ? FIELD[rawField.toLowerCase()] : undefined;
  switch (field) {
    case 'prompt':
    case 'deadline': {
      const at = weeklyAt(rest[0], rest[1]);
      return at ? { [field]: at } : 'day time, e.g. fri 16:00';
    }
    case 'reminders': {
      if (rest[0]?.toLowerCase() === 'none') return { reminders: [] };
      const parts = rest.join(' ').split(/[,，]/).map((p) => p.trim().split(/\s+/));
      const ats = parts.map(([d, t]) => weeklyAt(d, t));
      return ats.every((a): a is WeeklyAt => a !== null) && ats.length > 0 ? { reminders: ats } : 'day time[, day time…] or none, e.g. mon 10:00, mon 16:00';
    }
    case 'nudge':
      return rest[0] && /^\d{1,2}:\d{2}$/.test(rest[0]) ? { nudge: { ...current.nudge, time: rest[0].padStart(5, '0') } } : 'a time, e.g. 09:30';
    case 'timezone':
      return rest[0] && isValidTimeZone(rest[0]) ? { timezone: rest[0] } : 'an IANA timezone such as Asia/Shanghai';
    case 'holiday': {
      const [op, date] = rest;
      if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date) || (op !== 'add' && op !== 'remove')) return 'add|remove YYYY-MM-DD';
      return { holidays: op === 'add' ? [...current.holidays, date] : current.holidays.filter((d) => d !== date) };
    }
    default:
      return 'prompt | reminders | deadline | nudge | timezone | holiday';
  }
}

export function handleSchedule(i: Interaction, text: string): Answer {
  const current = teamSchedule(i, i.team);
  const args = text.split(/\s+/).slice(1).filter(Boolean);
  if (args.length === 0) return answer.reply(show(current, i.locale));
  if (!isManagerial(i.member)) return notAllowed(i.locale);
  const patch = patchFrom(args, current);
  if (typeof patch === 'string') return answer.toast(say(i.locale, scheduleText.usageSchedule(args[0] ?? '', patch)), 'warning');
  try {
    return answer.reply(show(updateTeamSchedule(i, i.team, patch), i.locale));
  } catch (err) {
    if (err instanceof ScheduleSettingsError) return answer.toast(err.message, 'warning');
    throw err;
  }
}

export function handleTimezone(i: Interaction, zone: string): Answer {
  if (!isValidTimeZone(zone)) return answer.toast(say(i.locale, scheduleText.useAnIanaTimezoneSuch), 'warning');
  i.repos.teams.setMemberPrefs(i.member.id, { timezone: zone });
  return answer.toast(say(i.locale, scheduleText.yourTimezoneIsNowYour(zone)), 'success');
}

export const scheduleHandlers: FeatureHandlers = {
  commands: [
    { matches: (t) => SCHEDULE_RE.test(t), handle: handleSchedule },
    { matches: (t) => TIMEZONE_RE.test(t), handle: (i, t) => handleTimezone(i, TIMEZONE_RE.exec(t)?.[1] ?? '') },
  ],
};
