// The weekly-report strings, in zh and en.
import type { LocalizedText } from '../../core/i18n.js';
import { text } from '../../core/i18n.js';

export const weeklyReportText = {
  unitSuffix: (unit: LocalizedText) => text(`（${unit.zh}）`, ` (${unit.en})`),
  savedThisWeekEditAs: text('本周已填，可修改', 'saved this week, edit as needed'),
  preFilledFromLastWeek: text('已按上周预填', 'pre-filled from last week'),
  noEntryLastWeek: text('无上周记录', 'no entry last week'),
  weeklyEntry: text('客户周报', 'Weekly entry'),
  customerName: text('客户名称', 'Customer name'),
  anExistingCustomerWithThis: text('已有客户会按名称自动匹配', 'An existing customer with this name is matched automatically'),
  newCustomer: (week: string) => text(`新客户 · ${week}`, `New customer · ${week}`),
  followUp: (openTasks: string) => text(` · 📌 跟进中：${openTasks}`, ` · 📌 follow-up: ${openTasks}`),
  noChange: text(' · 本周无变化', ' · no change'),
  noEntryLastWeek2: text(' · 上周无记录', ' · no entry last week'),
  lastWeek: text(' · 上周：', ' · last week: '),
  weeklyReportCustomersDone: (week: string, done: number, total: number) => text(`周报 ${week} — ${done}/${total} 个客户已填`, `Weekly report ${week} — ${done}/${total} customers done`),
  submitted: text('（已提交）', ' (submitted)'),
  closed: text('（已截止）', ' (closed)'),
  useFillInForCustomers: text('有变化的客户点「填写」（已按上周预填，本周数字从 0 开始，只改有变化的）；没变化的点「本周无变化」，或最后点「其余客户均无变化」。然后点「提交周报」。', 'Use "Fill in" for customers where something changed (pre-filled from last week, this week\'s numbers start at 0: change only what changed); "No change" for the others, or "All others unchanged" at the end. Then "Submit report".'),
  submittedYouCanStillEdit: (at: string) => text(`已提交${at ? `（${at}）` : ''}。摘要发出前仍可修改。`, `Submitted${at ? ` (${at})` : ''}. You can still edit until the digest goes out.`),
  thisWeekIsClosedThe: text('本周周报已截止，摘要已发出。', 'This week is closed: the digest has gone out.'),
  youHaveNoCustomersYet: text('你名下还没有客户，可点「添加客户」。', 'You have no customers yet: use "Add customer".'),
  noCustomerFilledSubmitAnyway: text('还没有填写任何客户——仍然提交吗？', 'No customer filled — submit anyway?'),
  submitAnywayEmpty: text('仍然提交（空）', 'Submit anyway (empty)'),
  reminderPleaseSubmitYourReport: (week: string) => text(`提醒：请提交 ${week} 周报`, `Reminder: please submit your ${week} report`),
} as const;
