// The team page: per-rep report compliance over the recent weeks (on time, late, missing).
import type { Team } from '../../core/team.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { AppContext } from '../../app/context.js';
import { missingRepIds } from '../../app/weekly-report/missing-reps.js';

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
  weeks: WeekId[];
  rows: ComplianceRow[];
}

/** `weeks`: the report weeks to cover, oldest first. */
export function teamPageModel(ctx: AppContext, team: Team, weeks: readonly WeekId[]): TeamPageModel {
  const reps = ctx.repos.teams.listMembers(team.id).filter((m) => m.role === 'rep');
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
  return { weeks: [...weeks], rows };
}
