import type { WeekId } from '../../core/weekly-report/week.js';
import { promptDate } from '../schedule/index.js';
import type { AppContext } from '../context.js';
import { teamSchedule } from '../schedule/schedule.service.js';

/** Reps who owe `week`'s report: not submitted, and not away on the day they would have been asked. */
export function missingRepIds(ctx: AppContext, teamId: number, week: WeekId): number[] {
  const team = ctx.repos.teams.getTeam(teamId);
  if (!team) return [];
  const submitted = new Set(ctx.repos.reports.reportStatuses(teamId, week).filter((s) => s.submittedAt).map((s) => s.repId));
  const promptDay = promptDate(week, teamSchedule(ctx, team));
  return ctx.repos.teams.listMembers(teamId)
    .filter((m) => m.role === 'rep' && !submitted.has(m.id) && !(m.awayUntil !== null && m.awayUntil >= promptDay))
    .map((m) => m.id);
}
