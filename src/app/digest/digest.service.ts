// The weekly digest for a team, in two steps: `prepareDigestWeek` scores the week and brings follow-ups
// in line (the writes), `digestModel` reads what is stored into the team's digest (no writes). Each
// platform then adds its own "cannot reach" list (`withUnreachable` in core/digest/build-digest.ts).
import { teamSettings } from '../settings/team-settings.js';
import { buildDigest } from '../../core/digest/build-digest.js';
import type { DigestTask, TeamDigest, TrendPoint } from '../../core/digest/digest.types.js';
import { ACTIVE_STATES, type TaskEvent } from '../../core/follow-up/task.js';
import { addWeeks, compareWeeks, type WeekId } from '../../core/weekly-report/week.js';
import type { AppContext } from '../context.js';
import { teamNow } from '../context.js';
import { ensureScored, latestReportWeek } from '../scoring/scoring.service.js';
import { syncFollowUps, type FollowUpSync } from '../follow-up/follow-up.service.js';
import { awayJudgedOn } from '../weekly-report/missing-reps.js';
import { AppError, TEAM_NOT_FOUND } from '../shared/app-error.js';

const TREND_WEEKS = 8;

/** Flag counts and average index of the last 8 weeks, and how many customers `week` has scores for. */
function trendOf(ctx: AppContext, teamId: number, week: WeekId): { trend: TrendPoint[]; scoredThisWeek: number } {
  // Counted in SQL: no row per customer and week comes back.
  const weeks = ctx.repos.scores.weekSummaries(teamId, addWeeks(week, -(TREND_WEEKS - 1)), week);
  const trend = weeks.map((w) => ({ week: w.week, flagged: w.flagged, avgIndex: Math.round(w.indexSum / w.scored) }));
  return { trend, scoredThisWeek: weeks.find((w) => w.week === week)?.scored ?? 0 };
}

/**
 * The writes a digest of `week` needs first: the week scored (and stored) under the current settings,
 * and follow-up tasks brought in line with it — when the digest goes out (`syncTasks`), or when the week
 * is the latest one reported (re-reading an old week must not close or open today's tasks). Returns the
 * task changes, or null when tasks were left alone.
 */
export function prepareDigestWeek(ctx: AppContext, teamId: number, week: WeekId, options: { syncTasks?: boolean } = {}): FollowUpSync | null {
  const scores = ensureScored(ctx, teamId, week);
  const latest = latestReportWeek(ctx, teamId);
  if (options.syncTasks || latest === null || compareWeeks(week, latest) >= 0) return syncFollowUps(ctx, teamId, week, scores);
  return null;
}

/**
 * The team's digest of `week`, read from what is stored: it writes nothing (run `prepareDigestWeek`
 * first for fresh scores and tasks). One per team, whatever the platforms; each adds its own
 * unreachable list with `withUnreachable`.
 */
export function digestModel(ctx: AppContext, teamId: number, week: WeekId): TeamDigest {
  const { repos } = ctx;
  const team = repos.teams.getTeam(teamId);
  if (!team) throw new AppError('team_not_found', `team ${teamId} not found`, { userMessage: TEAM_NOT_FOUND });
  const tasks = repos.tasks.listTasks(teamId);
  const { trend, scoredThisWeek } = trendOf(ctx, teamId, week);
  return buildDigest({
    teamId,
    week,
    today: teamNow(ctx, team.timezone).today,
    awayOn: awayJudgedOn(ctx, team, week),
    // The digest lists the flagged customers only: their rows, by the index on flagged scores, not the whole week's JSON.
    scores: repos.scores.flaggedScoresForWeek(teamId, week),
    scoredCount: scoredThisWeek,
    customers: repos.customers.listCustomers(teamId),
    members: repos.teams.listMembers(teamId),
    tasks,
    progress: latestProgress(repos.tasks.progressEvents(tasks.filter((t) => ACTIVE_STATES.includes(t.state)).map((t) => t.id)), week),
    reportStatuses: repos.reports.reportStatuses(teamId, week),
    entries: repos.reports.entriesForWeek(teamId, week),
    trend,
    config: teamSettings(ctx, teamId).routing,
  });
}

/** The latest progress per task up to `week` (events arrive oldest first). */
export function latestProgress(events: readonly TaskEvent[], week: WeekId): Map<number, NonNullable<DigestTask['progress']>> {
  const out = new Map<number, NonNullable<DigestTask['progress']>>();
  for (const e of events) {
    if (e.kind !== 'progress' || !e.week || !e.status || compareWeeks(e.week, week) > 0) continue;
    const had = out.get(e.taskId);
    if (!had || compareWeeks(had.week, e.week) <= 0) out.set(e.taskId, { week: e.week, status: e.status, note: e.note, blocker: e.blocker ?? null });
  }
  return out;
}
