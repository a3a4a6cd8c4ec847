// The team page: per-rep report compliance over the recent weeks (on time, late, missing), the team
// ranking (排行榜) and the monthly review (复盘). Scoped by role as in chat: managers, directors and owners
// see every rep, the ranking and the review; a rep sees their own compliance row and ranking line only.
import type { Member, Team } from '../../core/team.js';
import { canSeeAllCustomers } from '../../core/team.js';
import { DEFAULT_RANKING_SETTINGS, type RankingColumn, type RankingRow } from '../../core/review/ranking.js';
import { monthOfWeek } from '../../core/review/period.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { AppContext } from '../../app/context.js';
import { missingRepIds } from '../../app/weekly-report/missing-reps.js';
import { teamRanking } from '../../app/review/ranking.service.js';
import { monthlyReview, type TeamReview } from '../../app/review/review.service.js';

export const COMPLIANCE_WEEKS = 8;

export type WeekStatus = 'on_time' | 'late' | 'missing' | 'excused';

export interface ComplianceRow {
  rep: { id: number; name: string; email: string };
  /** Oldest first, one per week of `weeks`. */
  statuses: WeekStatus[];
  submitted: number;
  late: number;
  /** Submitted / owed (excused weeks are not owed). */
  rate: number | null;
}

export interface TeamPageModel {
  /** `team`: every rep, the ranking and the review; `own`: a rep's own lines only. */
  scope: 'team' | 'own';
  weeks: WeekId[];
  rows: ComplianceRow[];
  /** The ranking of the last 8 weeks to the latest report week (a rep: their own line; total = reps ranked). */
  ranking: { from: WeekId; to: WeekId; weeks: number; total: number; rows: RankingRow[]; columns: readonly RankingColumn[] };
  /** The monthly review of `month` (team scope only). */
  review: TeamReview | null;
  /** The month reviewed, and the months that can be picked (newest first). */
  month: string;
  months: string[];
}

/** Who may open the team page: those who see the whole team, and reps (their own lines). */
export const opensTeamPage = (member: Member): boolean => canSeeAllCustomers(member.role) || member.role === 'rep';

/** The months with reports, newest first, from the weeks with reports. */
export const reportMonths = (weeks: readonly WeekId[]): string[] => [...new Set(weeks.map(monthOfWeek))].sort().reverse();

/**
 * `weeks`: the report weeks to cover, oldest first (the last is the latest report week); `month`: the
 * month to review (default: the month of the latest report week).
 */
export function teamPageModel(ctx: AppContext, team: Team, viewer: Member, weeks: readonly WeekId[], opts: { month?: string | null; months: string[] }): TeamPageModel {
  const scope = canSeeAllCustomers(viewer.role) ? 'team' : 'own';
  const latest = weeks.at(-1)!;
  const month = opts.month && opts.months.includes(opts.month) ? opts.month : monthOfWeek(latest);
  const reps = ctx.repos.teams.listMembers(team.id).filter((m) => m.role === 'rep' && (scope === 'team' || m.id === viewer.id));
  const perWeek = weeks.map((week) => {
    const statuses = new Map(ctx.repos.reports.reportStatuses(team.id, week).map((s) => [s.repId, s]));
    return { statuses, missing: new Set(missingRepIds(ctx, team.id, week)) };
  });
  const rows = reps.map((rep): ComplianceRow => {
    const statuses = perWeek.map(({ statuses: s, missing }): WeekStatus => {
      const st = s.get(rep.id);
      if (st?.submittedAt) return st.late ? 'late' : 'on_time';
      return missing.has(rep.id) ? 'missing' : 'excused';
    });
    const submitted = statuses.filter((s) => s === 'on_time' || s === 'late').length;
    const owed = statuses.filter((s) => s !== 'excused').length;
    return {
      rep: { id: rep.id, name: rep.name, email: rep.email },
      statuses,
      submitted,
      late: statuses.filter((s) => s === 'late').length,
      rate: owed === 0 ? null : submitted / owed,
    };
  });
  rows.sort((a, b) => (a.rate ?? 2) - (b.rate ?? 2) || a.rep.name.localeCompare(b.rep.name, 'zh'));
  const ranking = teamRanking(ctx, team.id, { week: latest });
  return {
    scope, weeks: [...weeks], rows,
    ranking: {
      from: ranking.period.weeks[0]!, to: latest, weeks: ranking.period.weeks.length, total: ranking.rows.length,
      rows: scope === 'team' ? ranking.rows : ranking.rows.filter((r) => r.repId === viewer.id),
      columns: ctx.settings.ranking?.columns ?? DEFAULT_RANKING_SETTINGS.columns,
    },
    review: scope === 'team' ? monthlyReview(ctx, team.id, month) : null,
    month, months: opts.months,
  };
}
