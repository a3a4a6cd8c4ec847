// Follow-up tasks from chat: claim, resolve or snooze (a form each), this week's progress; a form
// closed without saving shows the task card or the digest again.
import type { ActionRef } from '../../ui/action.js';
import type { MessageRef } from '../ports/chat.port.js';
import { answer, type Answer } from '../answer.js';
import type { FeatureHandlers, FormValues, Interaction } from '../interaction/interaction-context.js';
import type { FollowUpTask } from '../../core/follow-up/task.js';
import { teamTagLabels, STATE_LABEL } from '../shared/view-text.js';
import { teamNow } from '../context.js';
import { localizeErrors } from '../weekly-report/entry-form.view.js';
import { progressTaskForm, resolveTaskForm, snoozeTaskForm } from './task-forms.view.js';
import { taskCard } from './task.view.js';
import { actOnTask, canActOnTask } from './follow-up.service.js';
import { taskCardModel } from './task-card.service.js';
import { readProgress, storeProgress } from './progress.service.js';
import { currentReportWeek, digestWeekArg, firstValue, formClosed, historyWeek, idArg, isManagerChannelMessage, isManagerial, notAllowed, staleButton, staleForm, withDigestWeek } from '../interaction/interaction-context.js';
import { afterTaskChange, currentDigestCard } from '../interaction/source-card.js';
import { say } from '../../core/i18n.js';
import { followUpText } from './follow-up.messages.js';

function claimTask(i: Interaction, ref: ActionRef, message: MessageRef | null): Answer {
  const result = actOnTask(i, i.member, idArg(ref, 'taskId') ?? 0, { type: 'claim', actorId: i.member.id });
  if ('notFound' in result) return staleButton(i.locale);
  if ('forbidden' in result) return notAllowed(i.locale);
  if (!result.ok) return answer.toast(say(i.locale, result.error.userMessage), 'warning');
  const card = afterTaskChange(i, result.task, message, digestWeekArg(i, ref));
  const done = say(i.locale, STATE_LABEL.claimed);
  return card ? answer.update(card, done) : answer.toast(done, 'success');
}

function openResolveOrSnoozeForm(i: Interaction, ref: ActionRef): Answer {
  const task = i.repos.tasks.getTask(idArg(ref, 'taskId') ?? 0);
  if (!task) return staleButton(i.locale);
  if (!canActOnTask(i, i.member, task)) return notAllowed(i.locale);
  const customerName = i.repos.customers.getCustomer(task.customerId)?.name ?? `#${task.customerId}`;
  const model = { taskId: task.id, customerName, tag: task.tag, tagLabels: teamTagLabels(i.settings) };
  const form = ref.kind === 'task.resolve'
    ? resolveTaskForm(model, i.locale)
    : snoozeTaskForm({ ...model, today: teamNow(i, i.team.timezone).today }, i.locale);
  return answer.openForm(withDigestWeek(i, form, ref));
}

function openProgressForm(i: Interaction, ref: ActionRef): Answer {
  const task = i.repos.tasks.getTask(idArg(ref, 'taskId') ?? 0);
  if (!task) return staleButton(i.locale);
  if (!canActOnTask(i, i.member, task)) return notAllowed(i.locale);
  const week = currentReportWeek(i.app, i.team);
  const mine = i.repos.tasks.progressEvents([task.id]).filter((e) => e.week === week && e.actorId === i.member.id).at(-1);
  const customerName = i.repos.customers.getCustomer(task.customerId)?.name ?? `#${task.customerId}`;
  const thisWeek = mine?.status ? { status: mine.status, note: mine.note, blocker: mine.blocker ?? null } : null;
  return answer.openForm(progressTaskForm({ taskId: task.id, customerName, tag: task.tag, week, thisWeek, tagLabels: teamTagLabels(i.settings) }, i.locale));
}

function saveProgressForm(i: Interaction, ref: ActionRef, values: FormValues, message: MessageRef | null): Answer {
  const week = ref.args.week;
  const task = i.repos.tasks.getTask(Number(ref.args.taskId));
  if (!task || !week) return staleForm(i.locale);
  if (!canActOnTask(i, i.member, task)) return notAllowed(i.locale);
  const progress = readProgress([task], values);
  if (!progress.ok) {
    const customerName = i.repos.customers.getCustomer(task.customerId)?.name ?? `#${task.customerId}`;
    return answer.fieldErrors(progressTaskForm({ taskId: task.id, customerName, tag: task.tag, week, tagLabels: teamTagLabels(i.settings) }, i.locale, { values, errors: localizeErrors(progress.errors, i.locale) }));
  }
  if (progress.items.length === 0) return answer.toast(say(i.locale, followUpText.noProgressGivenNothingSaved), 'warning');
  storeProgress(i, i.member, week, progress.items);
  const card = afterTaskChange(i, i.repos.tasks.getTask(task.id)!, message) ?? undefined;
  return answer.formDone(say(i.locale, followUpText.thisWeeksProgressIsRecorded), card);
}

function saveResolveOrSnoozeForm(i: Interaction, ref: ActionRef, values: FormValues, message: MessageRef | null): Answer {
  const taskId = Number(ref.args.taskId);
  const task = i.repos.tasks.getTask(taskId);
  if (!task) return staleForm(i.locale);
  const today = teamNow(i, i.team.timezone).today;
  const resolving = ref.kind === 'task.resolved';
  const note = firstValue(values.note);
  const command = resolving
    ? (firstValue(values.outcome) === 'dismissed'
      ? { type: 'dismiss' as const, actorId: i.member.id, reason: note, until: firstValue(values.until).slice(0, 10) || null }
      : { type: 'resolve' as const, actorId: i.member.id, note })
    : { type: 'snooze' as const, actorId: i.member.id, until: firstValue(values.until).slice(0, 10), reason: firstValue(values.reason) || null };
  if (resolving && note === '') {
    return answer.fieldErrors(resolveTaskForm(formModel(i, task), i.locale, { values, errors: { note: say(i.locale, followUpText.pleaseSayWhatWasDone) } }));
  }
  const result = actOnTask(i, i.member, taskId, command);
  if ('notFound' in result) return staleForm(i.locale);
  if ('forbidden' in result) return notAllowed(i.locale);
  if (!result.ok) {
    const field = resolving ? 'note' : 'until';
    const errors = { [field]: say(i.locale, result.error.userMessage) };
    const form = resolving
      ? resolveTaskForm(formModel(i, task), i.locale, { values, errors })
      : snoozeTaskForm({ ...formModel(i, task), today }, i.locale, { values, errors });
    return answer.fieldErrors(form);
  }
  const card = afterTaskChange(i, result.task, message, digestWeekArg(i, ref)) ?? undefined;
  const done = resolving
    ? say(i.locale, followUpText.taskClosed)
    : say(i.locale, followUpText.snoozedUntil(result.task.snoozedUntil));
  return answer.formDone(done, card);
}

function restoreTaskOrDigest(i: Interaction, ref: ActionRef, message: MessageRef | null): Answer {
  const closed = formClosed(i.locale);
  const task = i.repos.tasks.getTask(Number(ref.args.taskId));
  if (ref.kind !== 'task.progressed' && ref.args.week !== undefined && !historyWeek(i, ref.args.week)) return answer.toast(closed);
  const digest = isManagerial(i.member) && isManagerChannelMessage(i.app, message);
  const card = digest
    ? currentDigestCard(i, message, digestWeekArg(i, ref))
    : task && canActOnTask(i, i.member, task) ? taskCard(taskCardModel(i, task), i.locale) : null;
  return card ? answer.update(card, closed) : answer.toast(closed);
}

function formModel(i: Interaction, task: Pick<FollowUpTask, 'id' | 'customerId' | 'tag'>) {
  const customerName = i.repos.customers.getCustomer(task.customerId)?.name ?? `#${task.customerId}`;
  return { taskId: task.id, customerName, tag: task.tag, tagLabels: teamTagLabels(i.settings) };
}

export const followUpHandlers: FeatureHandlers = {
  actions: {
    'task.claim': claimTask,
    'task.resolve': openResolveOrSnoozeForm,
    'task.snooze': openResolveOrSnoozeForm,
    'task.progress': openProgressForm,
  },
  forms: {
    'task.progressed': saveProgressForm,
    'task.resolved': saveResolveOrSnoozeForm,
    'task.snoozed': saveResolveOrSnoozeForm,
  },
  cancels: {
    'task.resolved': restoreTaskOrDigest,
    'task.snoozed': restoreTaskOrDigest,
    'task.progressed': restoreTaskOrDigest,
  },
};
