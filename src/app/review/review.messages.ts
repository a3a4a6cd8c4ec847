// The review strings, in zh and en.
import { text } from '../../core/i18n.js';

export const reviewText = {
  ownRankingLine: (rank: number, total: number, streak: number, value: string, submitted: number, weeks: number, onTime: number, followUpsResolved: number) => text(`第 ${rank}/${total} 名 · 连续按时 ${streak} 周 · 近 ${weeks} 周提交 ${submitted} 次、按时 ${onTime} 次 · 已解决跟进 ${followUpsResolved}`, `#${rank} of ${total} · ${streak} week${value} on time in a row · ${submitted}/${weeks} weeks submitted, ${onTime} on time · ${followUpsResolved} follow-ups resolved`),
  tasks: text('任务', 'Tasks'),
  openedClaimedResolvedDismissedStill: (opened: number, claimed: number, resolved: number, dismissed: number, stillOpen: number) => text(`新建 ${opened} · 认领 ${claimed} · 解决 ${resolved} · 忽略 ${dismissed} · 未完成 ${stillOpen}`, `${opened} opened · ${claimed} claimed · ${resolved} resolved · ${dismissed} dismissed · ${stillOpen} still open`),
  recoveredRelapsedLost: (recoveredEn: string, relapsedEn: string, lostEn: string, recoveredZh: string, relapsedZh: string, lostZh: string) => text(`恢复：${recoveredZh}；反复：${relapsedZh}；流失：${lostZh}`, `Recovered: ${recoveredEn}; relapsed: ${relapsedEn}; lost: ${lostEn}`),
  closedRecoveredRelapsedLostPending: (closed: number, recovered: number, relapsed: number, lost: number, pending: number) => text(`${closed} 个关闭，${recovered} 恢复，${relapsed} 反复，${lost} 流失，${pending} 待观察`, `${closed} closed, ${recovered} recovered, ${relapsed} relapsed, ${lost} lost, ${pending} pending`),
  scorerCheckCustomersLostOr: (badOutcomesCount: number, flaggedBefore: number, medianWeeksBefore: string | number, recoveredWithoutActionCount: number) => text(`评分自检：${badOutcomesCount} 个客户流失或逾期90天以上，其中 ${flaggedBefore} 个提前预警（中位 ${medianWeeksBefore} 周）；${recoveredWithoutActionCount} 个预警未经处理自行恢复`, `Scorer check: ${badOutcomesCount} customers lost or 90+ days overdue, ${flaggedBefore} flagged before (median ${medianWeeksBefore} weeks ahead); ${recoveredWithoutActionCount} flags recovered without action`),
  monthlyReview: (month: string) => text(`📊 ${month} 月度复盘`, `📊 Monthly review ${month}`),
  reviewFlagsRaisedTasksResolved: (month: string, raised: number, resolved: number) => text(`${month} 复盘：新增预警 ${raised}，解决任务 ${resolved}`, `Review ${month}: ${raised} flags raised, ${resolved} tasks resolved`),
  ranking: (period: string) => text(`🏆 ${period} 排行榜`, `🏆 Ranking ${period}`),
  ranking2: (period: string) => text(`${period} 排行榜`, `Ranking ${period}`),
} as const;
