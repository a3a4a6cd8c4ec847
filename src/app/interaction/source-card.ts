// The card a clicked message should show after a change: the digest in a manager channel,
// the task card in an assignee's DM, the report card in a rep's DM.
import type { FollowUpTask } from '../../core/follow-up/task.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { CardSpec } from '../../ui/card.js';
import type { MessageRef } from '../ports/chat.port.js';
import { digestCard } from '../digest/digest.view.js';
import { taskCard } from '../follow-up/task.view.js';
import { reportPromptCard } from '../weekly-report/report-prompt.view.js';
import { digestModel, prepareDigestWeek } from '../digest/digest.service.js';
import { reachableOn, withUnreachable } from '../../core/digest/build-digest.js';
import { taskAudience, taskCardModel } from '../follow-up/task-card.service.js';
import { reportPromptModel } from '../weekly-report/report.service.js';
import { latestReportWeek } from '../scoring/scoring.service.js';
import { lastClosedWeek } from '../schedule/schedule.service.js';
import { refreshDigest } from '../digest/digest.job.js';
import { enqueueRefresh, outboxKeys } from '../radar-app.js';
import { memberLocale } from '../locale.js';
import type { Interaction } from './interaction-context.js';
import { isManagerChannelMessage, isManagerial } from './interaction-context.js';
import { teamTagLabels } from '../shared/view-text.js';

/**
 * The week the posted digest is about: the latest week whose deadline has passed (not the week reps are
 * still filling in, whose partial data must not redraw the digest nor move tasks).
 */
export const digestWeek = (i: Interaction): WeekId | null =>
  latestReportWeek(i, i.team.id) === null ? null : lastClosedWeek(i, i.team);

export function currentDigestCard(i: Interaction, message: MessageRef | null, weekOfDigest?: WeekId): CardSpec | null {
  const week = weekOfDigest ?? digestWeek(i);
  if (!week) return null;
  prepareDigestWeek(i, i.team.id, week);
  const model = withUnreachable(digestModel(i, i.team.id, week), reachableOn(message?.platform));
  return digestCard(model, i.team.locale, teamTagLabels(i.settings));
}

/** Every task DM sent for this task shows its new state (no stale Claim button in the assignee's DM). */
function refreshTaskMessages(i: Interaction, task: FollowUpTask): void {
  const model = taskCardModel(i, task);
  // Only the people it was (or may have been) sent to can have a DM to refresh.
  for (const member of taskAudience(i, task)) {
    const card = taskCard(model, memberLocale(member, i.team));
    for (const { platform } of i.app.platforms) {
      enqueueRefresh(i.app, outboxKeys.task(task.id, member.id, platform), card);
      // A reopened task's DM of its latest round (nothing is refreshed when there is none).
      enqueueRefresh(i.app, outboxKeys.taskReopened(task.id, task.createdWeek, member.id, platform), card);
    }
  }
}

/** After a task changed: the card for the message clicked, and the posted digest and task DMs brought up to date. */
export function afterTaskChange(i: Interaction, task: FollowUpTask, message: MessageRef | null, weekOfDigest?: WeekId): CardSpec | null {
  const week = weekOfDigest ?? digestWeek(i);
  const refreshed = week ? refreshDigest(i.app, i.team.id, week) : {};
  refreshTaskMessages(i, task);
  // The message a click names is the platform's claim: only managers are shown the digest for it.
  if (isManagerial(i.member) && isManagerChannelMessage(i.app, message)) return (message && refreshed[message.platform]) ?? currentDigestCard(i, message, week ?? undefined);
  return taskCard(taskCardModel(i, task), i.locale);
}

/** After a report change: the rep's card, refreshed in every DM it was sent to. */
export function afterReportChange(i: Interaction, week: WeekId): CardSpec {
  const card = reportPromptCard(reportPromptModel(i, i.member, week), i.locale);
  for (const { platform } of i.app.platforms) enqueueRefresh(i.app, outboxKeys.prompt(week, i.member.id, platform), card);
  if (i.repos.jobRuns.hasRun(i.team.id, week, 'digest')) refreshDigest(i.app, i.team.id, week);
  return card;
}
