// Friday's step: every rep who is not away gets this week's report card in a DM, once per platform.
import type { WeekId } from '../../core/weekly-report/week.js';
import { reportPromptCard } from './report-prompt.view.js';
import { loadWeekSnapshot, reportPromptModel } from './report.service.js';
import type { RadarApp } from '../radar-app.js';
import { enqueueSend, outboxKeys, userIdOn } from '../radar-app.js';
import { memberLocale } from '../locale.js';
import { syncUsers } from '../team/sync-users.job.js';
import { promptTimeFor } from '../schedule/index.js';
import { teamSchedule } from '../schedule/schedule.service.js';
import { isAway } from '../../core/team.js';
import { awayJudgedOn } from './missing-reps.js';

export interface FanOutResult {
  queued: number;
  alreadyQueued: number;
  skippedAway: number;
  unreachable: string[];
}

export async function runPromptStep(app: RadarApp, teamId: number, week: WeekId): Promise<FanOutResult> {
  const { repos } = app.ctx;
  await syncUsers(app, teamId);
  const team = repos.teams.getTeam(teamId);
  if (!team) throw new Error(`team ${teamId} not found`);
  const result: FanOutResult = { queued: 0, alreadyQueued: 0, skippedAway: 0, unreachable: [] };
  const schedule = teamSchedule(app.ctx, team);
  // Away on prompt day: not asked (nor counted missing, see missing-reps).
  const awayOn = awayJudgedOn(app.ctx, team, week);
  const snapshot = loadWeekSnapshot(app.ctx, teamId, week);
  // All intents in one transaction: a crash leaves either every prompt queued or none.
  repos.transaction(() => {
    for (const rep of repos.teams.listMembers(teamId).filter((m) => m.role === 'rep')) {
      if (isAway(rep, awayOn)) {
        result.skippedAway += 1;
        continue;
      }
      const card = reportPromptCard(reportPromptModel(app.ctx, rep, week, snapshot), memberLocale(rep, team));
      // The step runs at the earliest zone's prompt time; each rep's message waits for their own
      // (the team's zone for reps without one).
      const notBefore = promptTimeFor(week, schedule, rep.timezone);
      let reached = false;
      for (const { platform } of app.platforms) {
        const userId = userIdOn(platform, rep);
        if (!userId) continue;
        reached = true;
        const queued = enqueueSend(app, {
          teamId, key: outboxKeys.prompt(week, rep.id, platform), platform, destination: { kind: 'user', userId }, card, notBefore,
        });
        if (queued) result.queued += 1;
        else result.alreadyQueued += 1;
      }
      if (!reached) result.unreachable.push(rep.email);
    }
  });
  app.ctx.logger.info({ teamId, week, ...result, unreachable: result.unreachable.length }, 'prompts queued');
  return result;
}
