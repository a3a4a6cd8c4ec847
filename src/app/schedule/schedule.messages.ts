// The schedule strings, in zh and en.
import { text } from '../../core/i18n.js';

export const scheduleText = {
  weeklySchedule: text('周报日程', 'Weekly schedule'),
  timezone: text('时区', 'Timezone'),
  prompt: text('发送周报', 'Prompt'),
  reminders: text('催交提醒', 'Reminders'),
  deadlineDigest: text('截止并发送摘要', 'Deadline + digest'),
  taskNudges: text('任务跟进提醒', 'Task nudges'),
  holidays: text('假期', 'Holidays'),
  changeItSchedulePromptFri: text('修改示例：schedule prompt fri 16:00 · schedule reminders mon 10:00 · schedule deadline mon 12:00 · schedule timezone Asia/Shanghai · schedule holiday add 2026-12-25', 'Change it: schedule prompt fri 16:00 · schedule reminders mon 10:00 · schedule deadline mon 12:00 · schedule timezone Asia/Shanghai · schedule holiday add 2026-12-25'),
  usageSchedule: (args0: string, patch: string) => text(`格式：schedule ${args0} ${patch}`, `Usage: schedule ${args0} ${patch}`),
  useAnIanaTimezoneSuch: text('请使用 IANA 时区名，例如 Asia/Shanghai', 'Use an IANA timezone such as America/New_York'),
  yourTimezoneIsNowYour: (zone: string) => text(`已设置你的时区：${zone}，每周提醒将按你的当地时间发送。`, `Your timezone is now ${zone}; your weekly prompt follows your local time.`),
} as const;
