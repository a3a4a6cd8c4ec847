// The interaction strings, in zh and en.
import { text } from '../../core/i18n.js';

export const interactionText = {
  thisButtonIsOutOf: text('这个按钮已过期，请刷新。', 'This button is out of date; please refresh.'),
  nothingToCarryOverFrom: text('没有可沿用上周的客户', 'Nothing to carry over from last week'),
  markedUnchanged: (carried: number) => text(`已记为本周无变化：${carried} 个客户`, `Marked unchanged: ${carried} customer${carried > 1 ? 's' : ''}`),
  noCustomerFilledYet: text('还没有填写任何客户', 'No customer filled yet'),
  yourReportWasAlreadySubmitted: (week: string) => text(`${week} 周报已经提交过了`, `Your ${week} report was already submitted`),
  reportSubmittedLateTheDigest: (week: string) => text(`已提交 ${week} 周报（迟交，摘要已更新）`, `${week} report submitted (late; the digest was updated)`),
  reportSubmittedThankYou: (week: string) => text(`已提交 ${week} 周报，谢谢！`, `${week} report submitted. Thank you!`),
  reminderSentTo: (name: string) => text(`已提醒 ${name}`, `Reminder sent to ${name}`),
  hasNoReachableAccountEmail: (name: string) => text(`${name} 没有可联系的账号（邮箱未匹配）`, `${name} has no reachable account (email not matched)`),
  sorryYouAreNotAllowed: text('抱歉，你没有权限进行这个操作。', 'Sorry, you are not allowed to do that.'),
  youAreNotOnThe: text('你还不在周报雷达的成员名单里。请联系销售经理用你的工作邮箱添加你。', 'You are not on the sales radar team list yet. Ask your sales manager to add you with your work email.'),
  onlyRepsFillWeeklyReports: text('只有销售需要填写周报。', 'Only reps fill weekly reports.'),
  useADateAsYyyy: text('日期格式应为 YYYY-MM-DD，例如：请假到 2026-12-05', 'Use a date as YYYY-MM-DD, e.g. "away until 2026-12-05"'),
  thatDateIsInThe: text('这个日期已经过去了。', 'That date is in the past.'),
  gotItUntilYouWont: (until: string) => text(`好的，${until} 之前不会提醒你交周报，也不计入未交。`, `Got it: until ${until} you won't be prompted or counted as missing.`),
  welcomeBack: text('欢迎回来！', 'Welcome back!'),
  saved: (name: string) => text(`已保存：${name}`, `Saved: ${name}`),
  added: (name: string) => text(`已添加：${name}`, `Added: ${name}`),
  noProgressGivenNothingSaved: text('未填写进展，未保存', 'No progress given; nothing saved'),
  thisWeeksProgressIsRecorded: text('已记录本周进展', "This week's progress is recorded"),
  pleaseSayWhatWasDone: text('请说明做了什么', 'Please say what was done'),
  taskClosed: text('已关闭任务', 'Task closed'),
  snoozedUntil: (snoozedUntil: string | null) => text(`已暂缓至 ${snoozedUntil}`, `Snoozed until ${snoozedUntil}`),
} as const;
