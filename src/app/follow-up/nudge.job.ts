// Daily: tasks past their due date are nudged to whoever holds them, once a day.
import { wakeSnoozed } from '../../core/follow-up/task-state.js';
import { taskCard } from './task.view.js';
import { taskCardModel, taskRecipients } from './task-card.service.js';
import type { RadarApp } from '../radar-app.js';
import { enqueueSend, outboxKeys, userIdOn } from '../radar-app.js';
import { teamNow } from '../context.js';
import { memberLocale } from '../locale.js';
import { AppError, TEAM_NOT_FOUND } from '../shared/app-error.js';
import { say } from '../../core/i18n.js';
import { followUpText } from './follow-up.messages.js';

export function runNudgeStep(app: RadarApp, teamId: number): { nudged: number; woken: number } {
  const { repos } = app.ctx;
  const team = repos.teams.getTeam(teamId);
  if (!team) throw new AppError('team_not_found', `team ${teamId} not found`, { userMessage: TEAM_NOT_FOUND });
  const { now, today } = teamNow(app.ctx, team.timezone);
  const woken = wakeSnoozed(repos.tasks.listTasks(teamId, { states: ['snoozed'] }), today, now);
  repos.transaction(() => {
    for (const { task, event } of woken) {
      repos.tasks.updateTask(task);
      repos.tasks.addEvent(event);
    }
  });
  let nudged = 0;
  const overdue = repos.tasks.listTasks(teamId, { states: ['open', 'claimed'] }).filter((t) => t.dueDate < today);
  for (const task of overdue) {
    const model = taskCardModel(app.ctx, task);
    for (const member of taskRecipients(app.ctx, task)) {
      const locale = memberLocale(member, team);
      const base = taskCard(model, locale);
      const card = { ...base, title: `⏰ ${base.title}`, summary: say(locale, followUpText.taskOverdueDue(task.dueDate)) };
      for (const { platform } of app.platforms) {
        const userId = userIdOn(platform, member);
        if (!userId) continue;
        if (enqueueSend(app, { teamId, key: outboxKeys.nudge(task.id, member.id, today, platform), platform, destination: { kind: 'user', userId }, card })) nudged += 1;
      }
    }
  }
  return { nudged, woken: woken.length };
}
