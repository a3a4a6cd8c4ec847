// A reminder to one rep: the report card again, marked as a reminder, on every platform they are on.
// Used by the scheduled remind step and by a manager's Remind button.
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Member } from '../../core/team.js';
import { reportPromptCard } from './report-prompt.view.js';
import { reportPromptModel, type WeekSnapshot } from './report.service.js';
import type { RadarApp } from '../radar-app.js';
import { enqueueSend, outboxKeys, userIdOn } from '../radar-app.js';
import { memberLocale } from '../locale.js';
import { AppError, TEAM_NOT_FOUND } from '../shared/app-error.js';
import { say } from '../../core/i18n.js';
import { weeklyReportText } from './weekly-report.messages.js';

/** Queue a reminder to one rep (manager's Remind button, or the scheduled step). */
export function remindRep(app: RadarApp, rep: Member, week: WeekId, n: number | string, snapshot?: WeekSnapshot): { queued: number; reachable: boolean } {
  const team = app.ctx.repos.teams.getTeam(rep.teamId);
  if (!team) throw new AppError('team_not_found', `team ${rep.teamId} not found`, { userMessage: TEAM_NOT_FOUND });
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

