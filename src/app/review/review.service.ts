// The monthly review (复盘) of a team, from what is stored: scores, tasks and their events, entries.
import { teamSettings } from '../settings/team-settings.js';
import { buildMonthlyReview, type BadOutcome, type MonthlyReview, type ReviewFlag } from '../../core/review/monthly-review.js';
import { monthPeriod } from '../../core/review/period.js';
import { addWeeks, compareWeeks, weekRange, type WeekId } from '../../core/weekly-report/week.js';
import type { TaskEvent } from '../../core/follow-up/task.js';
import type { AppContext } from '../context.js';
import { ensureStored, latestReportWeek } from '../scoring/scoring.service.js';
import { teamRanking, type TeamRanking } from './ranking.service.js';

/** Weeks of history before the month read for lead times ("flagged how many weeks before?"). */
const LOOKBACK_WEEKS = 26;
const OVERDUE_BAD_DAYS = 90;
const STORY_WEEKS = 8;

export interface TeamReview extends MonthlyReview {
  ranking: TeamRanking['rows'];
}

export function monthlyReview(ctx: AppContext, teamId: number, month: string): TeamReview {
  const { repos } = ctx;
  const period = monthPeriod(month);
  const latest = latestReportWeek(ctx, teamId);
  const monthEnd = period.weeks.at(-1)!;
  // Never score weeks after the data: a review of the running month stops at the latest report.
  const last: WeekId | null = latest === null ? null : compareWeeks(latest, monthEnd) < 0 ? latest : monthEnd;
  const from = addWeeks(period.weeks[0]!, -LOOKBACK_WEEKS);
  const scores: ReviewFlag[] = [];
  const badOutcomes: BadOutcome[] = [];
  if (last !== null && compareWeeks(last, from) >= 0) {
    // In order, so any week scored under older settings is re-scored before it is read.
    for (const w of weekRange(from, last)) ensureStored(ctx, teamId, w);
    const tags = new Map<string, readonly string[]>();
    // Tags of flagged weeks for the month and the weeks before it (the cases' stories start there).
    for (const w of weekRange(addWeeks(period.weeks[0]!, -STORY_WEEKS), last)) {
      for (const s of repos.scores.flaggedScoresForWeek(teamId, w)) tags.set(`${s.customerId}|${w}`, s.tags);
    }
    // Customers never in the red (nor with a task) play no part in a review: only the others' weeks are read.
    const taskCustomers = [...new Set(repos.tasks.listTasks(teamId).map((t) => t.customerId))];
    for (const r of repos.scores.flaggedHistory(teamId, from, last, taskCustomers)) {
      scores.push({ customerId: r.customerId, week: r.week, index: r.index, grade: r.grade, tags: tags.get(`${r.customerId}|${r.week}`) ?? [] });
    }
    const seen = new Set<number>();
    for (const e of repos.reports.lostOrOverdueEntries(teamId, from, last, OVERDUE_BAD_DAYS)) {
      if (seen.has(e.customerId)) continue;
      const kind = e.lost ? 'lost' : (e.overdueDays ?? 0) >= OVERDUE_BAD_DAYS ? 'overdue90' : null;
      if (kind) {
        seen.add(e.customerId);
        badOutcomes.push({ customerId: e.customerId, week: e.week, kind });
      }
    }
  }
  const tasks = repos.tasks.listTasks(teamId);
  const events = new Map<number, TaskEvent[]>(tasks.map((t) => [t.id, repos.tasks.events(t.id)]));
  const review = buildMonthlyReview({
    period,
    customers: repos.customers.listCustomers(teamId),
    members: repos.teams.listMembers(teamId),
    scores,
    tasks,
    events,
    badOutcomes,
    recoveredBelow: teamSettings(ctx, teamId).scoring.grades.B,
  });
  return { ...review, ranking: teamRanking(ctx, teamId, { month }).rows };
}
