// Form submissions: a customer's weekly entry, a new customer, resolving or snoozing a task.
import type { ActionRef } from '../../ui/action.js';
import { text, say } from '../../core/i18n.js';
import type { FollowUpTask } from '../../core/follow-up/task.js';
import { cleanName } from '../../core/team.js';

import type { MessageRef } from '../ports/chat.port.js';
import { teamNow } from '../context.js';
import { t, teamTagLabels } from '../shared/view-text.js';
import { CUSTOMER_NAME_FIELD, entryFormWithErrors, localizeErrors, newCustomerFormWithErrors } from '../weekly-report/entry-form.view.js';
import { reportPromptCard } from '../weekly-report/report-prompt.view.js';
import { progressTaskForm, resolveTaskForm, snoozeTaskForm } from '../follow-up/task-forms.view.js';
import { taskCard } from '../follow-up/task.view.js';
import { canEditCustomer, entryFormIssues, entryFormModel, findOrAddCustomer, reportPromptModel, saveEntry } from '../weekly-report/report.service.js';
import { actOnTask, canActOnTask } from '../follow-up/follow-up.service.js';
import { taskCardModel } from '../follow-up/task-card.service.js';
import { readProgress, storeProgress } from '../follow-up/progress.service.js';
import type { Interaction } from './interaction-context.js';
import { historyWeek, isManagerChannelMessage, isManagerial, notAllowed } from './interaction-context.js';
import { afterReportChange, afterTaskChange, currentDigestCard } from './source-card.js';
import { digestWeekArg } from './action.handler.js';
import { handleSettingsForm, handleSettingsFormCancel } from '../settings/settings.handler.js';
import { answer, type Answer } from '../answer.js';
import { interactionText } from './interaction.messages.js';
import { commonText } from '../shared/common.messages.js';

type Values = Record<string, string | string[]>;

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim();

export function handleForm(i: Interaction, ref: ActionRef, values: Values, message: MessageRef | null): Answer {
  const stale = answer.toast(say(i.locale, commonText.thisFormIsOutOf), 'warning');
  // A week outside the team's history (a forged or very old form) stores nothing.
  if (ref.args.week !== undefined && !historyWeek(i, ref.args.week)) return stale;
  const week = ref.args.week;
  switch (ref.kind) {
    case 'report.save': {
      if (!week) return stale;
      const customer = i.app.ctx.repos.customers.getCustomer(Number(ref.args.customerId));
      if (!customer) return stale;
      if (!canEditCustomer(i.member, customer)) return notAllowed(i.locale);
      const model = entryFormModel(i.app.ctx, i.member, week, customer);
      // Progress on the customer's open follow-ups is checked with the entry: nothing is stored unless both are valid.
      const open = (model.tasks ?? []).flatMap((t) => i.app.ctx.repos.tasks.getTask(t.id) ?? []);
      const progress = readProgress(open, values);
      const entryIssues = entryFormIssues(i.app.ctx.settings.template, values);
      if (!progress.ok || entryIssues.length > 0) {
        const issues = [...entryIssues, ...(progress.ok ? [] : progress.errors)];
        return answer.fieldErrors(entryFormWithErrors(model, values, issues, i.locale));
      }
      const saved = saveEntry(i.app.ctx, i.member, week, customer, values);
      if (!saved.ok) return answer.fieldErrors(entryFormWithErrors(model, values, saved.issues, i.locale));
      storeProgress(i.app.ctx, i.member, week, progress.items);
      return answer.formDone(say(i.locale, interactionText.saved(customer.name)), afterReportChange(i, week));
    }
    case 'report.new': {
      if (!week) return stale;
      // Only reps and managers file reports: the same rule as the "Add customer" button.
      if (i.member.role !== 'rep' && !isManagerial(i.member)) return notAllowed(i.locale);
      const model = { week, template: i.app.ctx.settings.template };
      // Invisible characters (zero-width, bidi controls) would make a lookalike of an existing name.
      const name = cleanName(first(values[CUSTOMER_NAME_FIELD]));
      const issues = entryFormIssues(i.app.ctx.settings.template, values);
      if (name === '') issues.unshift({ field: CUSTOMER_NAME_FIELD, message: text('请填写客户名称', 'Customer name is required') });
      const existing = name ? i.app.ctx.repos.customers.customerByName(i.team.id, name) : null;
      if (existing && !canEditCustomer(i.member, existing)) {
        issues.unshift({ field: CUSTOMER_NAME_FIELD, message: text('该客户由其他销售负责，请联系经理', 'This customer belongs to another rep; ask your manager') });
      }
      if (issues.length > 0) return answer.fieldErrors(newCustomerFormWithErrors(model, values, issues, i.locale));
      const customer = findOrAddCustomer(i.app.ctx, i.member, name);
      saveEntry(i.app.ctx, i.member, week, customer, values);
      return answer.formDone(say(i.locale, interactionText.added(customer.name)), afterReportChange(i, week));
    }
    case 'task.progressed': {
      const task = i.app.ctx.repos.tasks.getTask(Number(ref.args.taskId));
      if (!task || !week) return stale;
      if (!canActOnTask(i.app.ctx, i.member, task)) return notAllowed(i.locale);
      const progress = readProgress([task], values);
      if (!progress.ok) {
        const customerName = i.app.ctx.repos.customers.getCustomer(task.customerId)?.name ?? `#${task.customerId}`;
        return answer.fieldErrors(progressTaskForm({ taskId: task.id, customerName, tag: task.tag, week, tagLabels: teamTagLabels(i.app.ctx.settings) }, i.locale, { values, errors: localizeErrors(progress.errors, i.locale) }));
      }
      if (progress.items.length === 0) return answer.toast(say(i.locale, interactionText.noProgressGivenNothingSaved), 'warning');
      storeProgress(i.app.ctx, i.member, week, progress.items);
      const card = afterTaskChange(i, i.app.ctx.repos.tasks.getTask(task.id)!, message) ?? undefined;
      return answer.formDone(say(i.locale, interactionText.thisWeeksProgressIsRecorded), card);
    }
    case 'task.resolved':
    case 'task.snoozed': {
      const taskId = Number(ref.args.taskId);
      const task = i.app.ctx.repos.tasks.getTask(taskId);
      if (!task) return stale;
      const today = teamNow(i.app.ctx, i.team.timezone).today;
      const resolving = ref.kind === 'task.resolved';
      const note = first(values.note);
      const command = resolving
        ? (first(values.outcome) === 'dismissed'
          ? { type: 'dismiss' as const, actorId: i.member.id, reason: note, until: first(values.until).slice(0, 10) || null }
          : { type: 'resolve' as const, actorId: i.member.id, note })
        : { type: 'snooze' as const, actorId: i.member.id, until: first(values.until).slice(0, 10), reason: first(values.reason) || null };
      if (resolving && note === '') {
        return answer.fieldErrors(resolveTaskForm(formModel(i, task), i.locale, { values, errors: { note: say(i.locale, interactionText.pleaseSayWhatWasDone) } }));
      }
      const result = actOnTask(i.app.ctx, i.member, taskId, command);
      if ('notFound' in result) return stale;
      if ('forbidden' in result) return notAllowed(i.locale);
      if (!result.ok) {
        const field = resolving ? 'note' : 'until';
        const errors = { [field]: t(result.error.userMessage, i.locale) };
        const form = resolving
          ? resolveTaskForm(formModel(i, task), i.locale, { values, errors })
          : snoozeTaskForm({ ...formModel(i, task), today }, i.locale, { values, errors });
        return answer.fieldErrors(form);
      }
      const card = afterTaskChange(i, result.task, message, digestWeekArg(i, ref)) ?? undefined;
      const done = resolving
        ? say(i.locale, interactionText.taskClosed)
        : say(i.locale, interactionText.snoozedUntil(result.task.snoozedUntil));
      return answer.formDone(done, card);
    }
    case 'settings.save':
      return handleSettingsForm(i, ref, values);
    default:
      return stale;
  }
}

function formModel(i: Interaction, task: Pick<FollowUpTask, 'id' | 'customerId' | 'tag'>) {
  const customerName = i.app.ctx.repos.customers.getCustomer(task.customerId)?.name ?? `#${task.customerId}`;
  return { taskId: task.id, customerName, tag: task.tag, tagLabels: teamTagLabels(i.app.ctx.settings) };
}

/**
 * A form closed without saving: the card the message showed before the form, where the platform swapped it.
 * The message a cancel names is the platform's claim, not proof: only what the member may see is drawn
 * (the digest for managers in the manager channel, a task card for those who may act on the task).
 */
export function handleFormCancel(i: Interaction, ref: ActionRef, message: MessageRef | null): Answer {
  const closed = say(i.locale, commonText.cancelledNothingSaved);
  switch (ref.kind) {
    case 'report.save':
    case 'report.new': {
      const week = historyWeek(i, ref.args.week);
      if (!week || i.member.role !== 'rep') return answer.toast(closed);
      return answer.update(reportPromptCard(reportPromptModel(i.app.ctx, i.member, week), i.locale), closed);
    }
    case 'task.resolved':
    case 'task.snoozed':
    case 'task.progressed': {
      const task = i.app.ctx.repos.tasks.getTask(Number(ref.args.taskId));
      if (ref.kind !== 'task.progressed' && ref.args.week !== undefined && !historyWeek(i, ref.args.week)) return answer.toast(closed);
      const digest = isManagerial(i.member) && isManagerChannelMessage(i.app, message);
      const card = digest
        ? currentDigestCard(i, message, digestWeekArg(i, ref))
        : task && canActOnTask(i.app.ctx, i.member, task) ? taskCard(taskCardModel(i.app.ctx, task), i.locale) : null;
      return card ? answer.update(card, closed) : answer.toast(closed);
    }
    case 'settings.save':
      return handleSettingsFormCancel(i);
    default:
      return answer.toast(closed);
  }
}
