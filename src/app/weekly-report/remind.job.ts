// Monday morning: reps who have not submitted (and are not away) get one reminder with their card.
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Member } from '../../core/team.js';
import { loadWeekSnapshot } from './report.service.js';
import { remindRep } from './remind.service.js';
import { missingRepIds } from './missing-reps.js';
import type { RadarApp } from '../radar-app.js';
import type { FanOutResult } from './prompt.job.js';

/** Reps who owe this week's report: not submitted and not away. */
export function missingReps(app: RadarApp, teamId: number, week: WeekId): Member[] {
  const ids = new Set(missingRepIds(app.ctx, teamId, week));
  return app.ctx.repos.teams.listMembers(teamId).filter((m) => ids.has(m.id));
}

export function runRemindStep(app: RadarApp, teamId: number, week: WeekId, n: number | string = 1): FanOutResult {
  const result: FanOutResult = { queued: 0, alreadyQueued: 0, skippedAway: 0, unreachable: [] };
  const snapshot = loadWeekSnapshot(app.ctx, teamId, week);
  for (const rep of missingReps(app, teamId, week)) {
    const { queued, reachable } = remindRep(app, rep, week, n, snapshot);
    result.queued += queued;
    if (!reachable) result.unreachable.push(rep.email);
  }
  app.ctx.logger.info({ teamId, week, queued: result.queued }, 'reminders queued');
  return result;
}
