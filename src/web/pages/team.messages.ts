// The team strings, in zh and en.
import { text } from '../../core/i18n.js';

export const teamPageText = {
  onTime: text('按时', 'on time'),
  late: text('迟交', 'late'),
  missing: text('未交', 'missing'),
  away: text('请假', 'away'),
  reportComplianceLastWeeks: (weeksCount: number) => text(`周报提交情况（近 ${weeksCount} 周）`, `Report compliance (last ${weeksCount} weeks)`),
  noRepsYet: text('还没有销售。', 'No reps yet.'),
  rate: text('提交率', 'Rate'),
  late2: text('迟交', 'Late'),
  lastWeeks: (from: string, to: string, weeks: number) => text(`${from} … ${to}（近 ${weeks} 周）`, `${from} … ${to} (last ${weeks} weeks)`),
  myRanking: text('我的排名', 'My ranking'),
  month: text('月份', 'Month'),
  show: text('查看', 'Show'),
  monthlyReview: (month: string) => text(`${month} 月度复盘`, `Monthly review ${month}`),
  tasksOpened: text('新建任务', 'Tasks opened'),
  stillOpen: text('未完成', 'Still open'),
  resolved: text('解决', 'Resolved'),
  recovered: text('恢复', 'Recovered'),
  relapsed: text('反复', 'Relapsed'),
  lost: text('流失', 'Lost'),
  myReportsAndRanking: text('我的周报与排名', 'My reports and ranking'),
} as const;
