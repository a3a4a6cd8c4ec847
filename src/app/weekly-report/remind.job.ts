// Monday morning: reps who have not submitted (and are not away) get one reminder with their card.
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Member } from '../../core/team.js';
import { reportPromptCard } from './report-prompt.view.js';
import { loadWeekSnapshot, reportPromptModel, type WeekSnapshot } from './report.service.js';
import { missingRepIds } from './missing-reps.js';
import type { RadarApp } from '../radar-app.js';
import { enqueueSend, outboxKeys, userIdOn } from '../radar-app.js';
import { memberLocale } from '../locale.js';
import type { FanOutResult } from './prompt.job.js';
import { say } from '../../core/i18n.js';
import { weeklyReportText } from './weekly-report.messages.js';

/** Reps who owe this week's report: not submitted and not away. */
export function missingReps(app: RadarApp, teamId: number, week: WeekId): Member[] {
  const ids = new Set(missingRepIds(app.ctx, teamId, week));
  return app.ctx.repos.teams.listMembers(teamId).filter((m) => ids.has(m.id));
}

/** Queue a reminder to one rep (manager's Remind button, or the scheduled step). */
export function remindRep(app: RadarApp, rep: Member, week: WeekId, n: number | string, snapshot?: WeekSnapshot): { queued: number; reachable: boolean } {
  const team = app.ctx.repos.teams.getTeam(rep.teamId);
  if (!team) throw new Error(`team ${rep.teamId} not found`);
  const locale = memberLocale(rep, team);
  const prompt = reportPromptCard(reportPromptModel(app.ctx, rep, week, snapshot), locale);
  const card = {
    ...prompt,
    title: `⏰ ${prompt.title}`,
    summary: say(locale, weeklyReportText.reminderPleaseSubmitYourReport(week)),
    tone: 'orange' as const,
  };
  let queued = 0;
  let reachable = false;
  for (const { platform } of app.platforms) {
    const userId = userIdOn(platform, rep);
    if (!userId) continue;
    reachable = true;
    if (enqueueSend(app, { teamId: rep.teamId, key: outboxKeys.reminder(week, rep.id, platform, n), platform, destination: { kind: 'user', userId }, card })) queued += 1;
  }
  return { queued, reachable };
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
