// The customer strings, in zh and en.
import { text } from '../../core/i18n.js';

export const customerText = {
  notScoredThisWeek: text(' · 本周暂无评分', ' · not scored this week'),
  keyAccount: text('重点客户', 'key account'),
  industryRegion: text('行业 / 区域', 'Industry / region'),
  problems: text('问题类型', 'Problems'),
  weeksInRed: text('连续预警', 'Weeks in red'),
  indexLastWeeks: (historyCount: number) => text(`近 ${historyCount} 周指数`, `Index, last ${historyCount} weeks`),
  latestEntry: (week: string) => text(`最近周报（${week}）`, `Latest entry (${week})`),
  openTasks: (openTasksCount: number) => text(`进行中任务（${openTasksCount}）`, `Open tasks (${openTasksCount})`),
  unclaimed: text('待认领', 'unclaimed'),
  until: (snoozedUntil: string) => text(` · 暂缓至 ${snoozedUntil}`, ` · until ${snoozedUntil}`),
  customer: (name: string) => text(`客户：${name}`, `Customer: ${name}`),
} as const;
