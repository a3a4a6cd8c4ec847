import type { WeekId } from '../../core/weekly-report/week.js';
import { isAway, type Team } from '../../core/team.js';
import { promptDate } from '../schedule/index.js';
import type { AppContext } from '../context.js';
import { teamSchedule } from '../schedule/schedule.service.js';

/**
 * The day "away" is judged on for `week`'s report: the day reps are asked (the prompt day). The prompt,
 * the reminders, this missing list and the digest all judge it here, so a rep skipped as away is never
 * listed as missing, however late the digest is drawn.
 */
export function awayJudgedOn(ctx: AppContext, team: Team, week: WeekId): string {
  return promptDate(week, teamSchedule(ctx, team));
}

/** Reps who owe `week`'s report: not submitted, and not away on the day they would have been asked. */
export function missingRepIds(ctx: AppContext, teamId: number, week: WeekId): number[] {
  const team = ctx.repos.teams.getTeam(teamId);
  if (!team) return [];
  const submitted = new Set(ctx.repos.reports.reportStatuses(teamId, week).filter((s) => s.submittedAt).map((s) => s.repId));
  const awayOn = awayJudgedOn(ctx, team, week);
  return ctx.repos.teams.listMembers(teamId)
    .filter((m) => m.role === 'rep' && !submitted.has(m.id) && !isAway(m, awayOn))
    .map((m) => m.id);
}
