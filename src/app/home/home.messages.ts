// The home strings, in zh and en.
import { text } from '../../core/i18n.js';

export const homeText = {
  submitted: text('已提交', 'submitted'),
  closed: text('已截止', 'closed'),
  inProgress: text('填写中', 'in progress'),
  thisWeeksReport: (week: string) => text(`本周周报 ${week}`, `This week's report ${week}`),
  customersDone: (done: number, total: number, status: string) => text(`${done}/${total} 个客户已填 · ${status}`, `${done}/${total} customers done · ${status}`),
  myRedFlagCustomers: (flaggedCount: number) => text(`我的问题客户（${flaggedCount}）`, `My red-flag customers (${flaggedCount})`),
  noRedFlagsThisWeek: text('本周没有问题客户 👍', 'No red flags this week 👍'),
  moreNotShown: (hidden: number) => text(`还有 ${hidden} 个未列出`, `${hidden} more not shown`),
  myFollowUps: (tasksCount: number) => text(`我的跟进任务（${tasksCount}）`, `My follow-ups (${tasksCount})`),
  salesRadar: (viewerName: string) => text(`周报雷达 · ${viewerName}`, `Sales radar · ${viewerName}`),
  teamSummary: (week: string) => text(`团队概况 ${week}`, `Team summary ${week}`),
  missingReports: text('未交周报：', 'Missing reports: '),
  highestRisk: text('指数最高', 'Highest risk'),
  followUpsIOwn: (tasksCount: number) => text(`我负责的跟进（${tasksCount}）`, `Follow-ups I own (${tasksCount})`),
  due2: text('截止', 'due'),
  refreshDigest: text('刷新摘要', 'Refresh digest'),
} as const;
