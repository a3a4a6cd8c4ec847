// The review strings, in zh and en.
import { text } from '../../core/i18n.js';

export const reviewText = {
  ownRankingLine: (rank: number, total: number, streak: number, submitted: number, weeks: number, onTime: number, followUpsResolved: number) => text(`第 ${rank}/${total} 名 · 连续按时 ${streak} 周 · 近 ${weeks} 周提交 ${submitted} 次、按时 ${onTime} 次 · 已解决跟进 ${followUpsResolved}`, `#${rank} of ${total} · ${streak} week${streak === 1 ? '' : 's'} on time in a row · ${submitted}/${weeks} weeks submitted, ${onTime} on time · ${followUpsResolved} follow-ups resolved`),
  tasks: text('任务', 'Tasks'),
  openedClaimedResolvedDismissedStill: (opened: number, claimed: number, resolved: number, dismissed: number, stillOpen: number) => text(`新建 ${opened} · 认领 ${claimed} · 解决 ${resolved} · 忽略 ${dismissed} · 未完成 ${stillOpen}`, `${opened} opened · ${claimed} claimed · ${resolved} resolved · ${dismissed} dismissed · ${stillOpen} still open`),
  recoveredRelapsedLost: (recoveredEn: string, relapsedEn: string, lostEn: string, recoveredZh: string, relapsedZh: string, lostZh: string) => text(`恢复：${recoveredZh}；反复：${relapsedZh}；流失：${lostZh}`, `Recovered: ${recoveredEn}; relapsed: ${relapsedEn}; lost: ${lostEn}`),
  monthlyReview: (month: string) => text(`📊 ${month} 月度复盘`, `📊 Monthly review ${month}`),
  reviewFlagsRaisedTasksResolved: (month: string, raised: number, resolved: number) => text(`${month} 复盘：新增预警 ${raised}，解决任务 ${resolved}`, `Review ${month}: ${raised} flags raised, ${resolved} tasks resolved`),
  ranking: (period: string) => text(`🏆 ${period} 排行榜`, `🏆 Ranking ${period}`),
  ranking2: (period: string) => text(`${period} 排行榜`, `Ranking ${period}`),
  myRanking: text('🏆 我的排名', '🏆 My ranking'),
  lastWeeksTo: (weeksCount: number, week: string) => text(`截至 ${week}，近 ${weeksCount} 周`, `Last ${weeksCount} weeks to ${week}`),
} as const;
