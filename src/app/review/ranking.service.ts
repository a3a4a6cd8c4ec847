// The team ranking of a period, from what is stored: report statuses, entries, follow-up tasks.
import { teamSettings } from '../settings/team-settings.js';
import { computeRanking, type RankingRow } from '../../core/review/ranking.js';
import { monthPeriod, previousPeriod, weekPeriod, type Period } from '../../core/review/period.js';
import { compareWeeks, type WeekId } from '../../core/weekly-report/week.js';
import type { ReportStatus } from '../ports/repositories.port.js';
import type { AppContext } from '../context.js';

export interface TeamRanking {
  period: Period;
  previous: Period;
  rows: RankingRow[];
}

/** `{week}`: the 8 weeks ending at it; `{month}`: the month's weeks. Compared with the period before. */
export function teamRanking(ctx: AppContext, teamId: number, spec: { week: WeekId } | { month: string }): TeamRanking {
  const { repos } = ctx;
  const period = 'week' in spec ? weekPeriod(spec.week) : monthPeriod(spec.month);
  const previous = previousPeriod(period);
  const last = period.weeks.at(-1)!;
  const firstWeek = repos.reports.firstWeek(teamId);
  // The streak may reach back before the period: every week of the team's history up to its end.
  const reports: ReportStatus[] = firstWeek !== null && compareWeeks(firstWeek, last) <= 0 ? repos.reports.reportStatusesInRange(teamId, firstWeek, last) : [];
  const tasks = repos.tasks.listTasks(teamId);
  const rows = computeRanking({
    period,
    previous,
    reps: repos.teams.listMembers(teamId).filter((m) => m.role === 'rep'),
    reports,
    // Summed per rep and week by SQLite: the ranking adds them per period anyway.
    revenue: repos.reports.revenueByRepWeek(teamId, previous.weeks[0]!, last),
    tasks,
    owners: new Map(repos.customers.customersByIds(tasks.map((t) => t.customerId)).map((c) => [c.id, c.ownerRepId])),
    firstWeek,
    recoveredBelow: teamSettings(ctx, teamId).scoring.grades.B,
  });
  return { period, previous, rows };
}

/** One rep's line, for their App Home and "my ranking". */
export function rankingLineOf(ranking: TeamRanking, repId: number): RankingRow | null {
  return ranking.rows.find((r) => r.repId === repId) ?? null;
}
