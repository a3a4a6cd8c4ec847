import { weekStartDate, type WeekId } from '../../core/weekly-report/week.js';
import type { AppContext } from '../context.js';

/** Reps who owe `week`'s report: not submitted and not away that week. */
export function missingRepIds(ctx: AppContext, teamId: number, week: WeekId): number[] {
  const submitted = new Set(ctx.repos.reports.reportStatuses(teamId, week).filter((s) => s.submittedAt).map((s) => s.repId));
  const monday = weekStartDate(week);
  return ctx.repos.teams.listMembers(teamId)
    .filter((m) => m.role === 'rep' && !submitted.has(m.id) && !(m.awayUntil !== null && m.awayUntil >= monday))
    .map((m) => m.id);
}
