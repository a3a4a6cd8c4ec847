// The monthly review as an Excel workbook: one sheet per section, plain rows a manager can filter.
import ExcelJS from 'exceljs';
import type { TeamReview } from './review.service.js';

type Cell = string | number | null;

function sheet(wb: ExcelJS.Workbook, name: string, header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = header.map((h) => ({ header: h, key: h, width: Math.max(12, h.length + 2) }));
  ws.getRow(1).font = { bold: true };
  // A leading = + - @ would make Excel read a customer's name or note as a formula.
  for (const r of rows) ws.addRow(r.map((c) => (typeof c === 'string' && /^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
}

export function reviewWorkbook(review: TeamReview): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sales-radar';
  const f = review.flags;
  sheet(wb, 'Summary', ['item', 'value'], [
    ['month', review.month], ['weeks', review.weeks.join(', ')],
    ['flags raised', f.raised], ['customers flagged', f.customers], ['raised A', f.byGrade.A], ['raised B', f.byGrade.B],
    ['tasks opened', review.tasks.opened], ['claimed', review.tasks.claimed], ['resolved', review.tasks.resolved],
    ['dismissed', review.tasks.dismissed], ['still open', review.tasks.stillOpen],
    ['bad outcomes', review.trackRecord.badOutcomes.length], ['flagged before', review.trackRecord.flaggedBefore],
    ['median weeks of warning', review.trackRecord.medianWeeksBefore], ['recovered without action', review.trackRecord.recoveredWithoutAction.length],
  ]);
  sheet(wb, 'Flags', ['tag', 'raised', 'A', 'B'], Object.entries(f.byTag).map(([tag, n]) => [tag, n, f.byTagGrade[tag]?.A ?? 0, f.byTagGrade[tag]?.B ?? 0]));
  sheet(wb, 'Tasks by role', ['role', 'opened', 'resolved', 'median days to claim', 'median days to resolve'],
    review.tasks.byRole.map((r) => [r.role, r.opened, r.resolved, r.medianDaysToClaim, r.medianDaysToResolve]));
  sheet(wb, 'Outcomes', ['task', 'customer', 'tag', 'role', 'closed as', 'closed at', 'index before', 'at close', '+2 weeks', '+4 weeks', 'result'],
    review.outcomes.map((o) => [o.taskId, o.customer, o.tag, o.role, o.closedAs, o.closedAt, o.before, o.atClose, o.after2w, o.after4w, o.result]));
  sheet(wb, 'Interventions', ['tag', 'role', 'closed', 'recovered', 'relapsed', 'lost', 'not recovered', 'pending', 'avg index change'],
    review.interventions.map((i) => [i.tag, i.role, i.closed, i.recovered, i.relapsed, i.lost, i.not_recovered, i.pending, i.avgChange]));
  sheet(wb, 'Cases', ['kind', 'customer', 'tag', 'role', 'result', 'before', 'latest', 'story'],
    review.cases.map((c) => [c.kind, c.customer, c.tag, c.role, c.result, c.before, c.latest,
      [...c.story.flags.map((x) => `${x.week} ${x.grade ?? '-'} ${Math.round(x.index)}`), ...c.story.events.map((e) => `${e.at.slice(0, 10)} ${e.kind}${e.actor ? ` (${e.actor})` : ''}${e.note ? `: ${e.note}` : ''}`)].join('\n')]));
  sheet(wb, 'Track record', ['customer', 'outcome', 'week', 'flagged before', 'weeks before'],
    review.trackRecord.badOutcomes.map((b) => [b.customer, b.kind, b.week, b.flaggedBefore ? 'yes' : 'no', b.weeksBefore]));
  sheet(wb, 'Recovered without action', ['customer', 'flagged from', 'to'], review.trackRecord.recoveredWithoutAction.map((r) => [r.customer, r.from, r.to]));
  sheet(wb, 'Ranking', ['rank', 'rep', 'name', 'weeks', 'submitted', 'on time', 'streak', 'resolved', 'recovery rate', 'revenue', 'revenue change'],
    review.ranking.map((r) => [r.rank, r.rep, r.name, r.weeks, r.submitted, r.onTime, r.streak, r.followUpsResolved, r.recoveryRate, r.revenue, r.revenueChange]));
  return wb;
}
