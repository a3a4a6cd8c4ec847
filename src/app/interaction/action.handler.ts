// Button clicks: open forms, claim tasks, show details, remind reps, submit reports.
import { decodeAction, encodeAction, type ActionRef } from '../../ui/action.js';
import type { FormSpec } from '../../ui/form.js';
import type { WeekId } from '../../core/weekly-report/week.js';

import type { MessageRef } from '../ports/chat.port.js';
import { t, teamTagLabels, STATE_LABEL } from '../shared/view-text.js';
import { entryForm, newCustomerForm } from '../weekly-report/entry-form.view.js';
import { progressTaskForm, resolveTaskForm, snoozeTaskForm } from '../follow-up/task-forms.view.js';
import { customerCard } from '../customer/customer.view.js';
import { canEditCustomer, carryEntries, entryFormModel, filledCount, reportPromptModel, submitReport } from '../weekly-report/report.service.js';
import { reportPromptCard } from '../weekly-report/report-prompt.view.js';
import { actOnTask, canActOnTask } from '../follow-up/follow-up.service.js';
import { canSeeCustomer, customerCardModel, customerCharts } from '../customer/customer.service.js';
import { remindRep } from '../weekly-report/remind.job.js';
import { teamNow } from '../context.js';
import type { Interaction } from './interaction-context.js';
import { currentReportWeek, historyWeek, isManagerial, notAllowed } from './interaction-context.js';
import { handleDashboard } from '../dashboard/dashboard.handler.js';
import { handleSettingsAction } from '../settings/settings.handler.js';
import { afterReportChange, afterTaskChange, currentDigestCard, digestWeek } from './source-card.js';
import { answer, type Answer } from '../answer.js';
import { say } from '../../core/i18n.js';
import { interactionText } from './interaction.messages.js';

const idArg = (ref: ActionRef, key: string): number | null => {
  const n = Number(ref.args[key]);
  return Number.isInteger(n) && n > 0 ? n : null;
};

/**
 * The week an action names: undefined when it names none (the handler picks the current one), null when it
 * names a week outside the team's history (refused: a forged `2099-W52` must not be scored or stored).
 */
export function actionWeek(i: Interaction, ref: ActionRef): WeekId | undefined | null {
  const w = ref.args.week;
  return w === undefined ? undefined : historyWeek(i, w);
}

const weekArg = (i: Interaction, ref: ActionRef): WeekId => actionWeek(i, ref) ?? currentReportWeek(i.app, i.team);

/** The week of the digest a button was clicked in, when it says (and it is a week of the team's history). */
export const digestWeekArg = (i: Interaction, ref: ActionRef): WeekId | undefined => actionWeek(i, ref) ?? undefined;

/** A form opened from the digest remembers the digest's week for its submit. */
function withDigestWeek(i: Interaction, form: FormSpec, ref: ActionRef): FormSpec {
  const week = digestWeekArg(i, ref);
  const submit = decodeAction(form.formId);
  return week && submit ? { ...form, formId: encodeAction({ kind: submit.kind, args: { ...submit.args, week } }) } : form;
}

export function handleAction(i: Interaction, ref: ActionRef, message: MessageRef | null): Answer {
  const { repos } = i.app.ctx;
  const stale = answer.toast(say(i.locale, interactionText.thisButtonIsOutOf), 'warning');
  if (actionWeek(i, ref) === null) return stale;
  switch (ref.kind) {
    case 'report.open': {
      const customer = repos.customers.getCustomer(idArg(ref, 'customerId') ?? 0);
      if (!customer) return stale;
      if (!canEditCustomer(i.member, customer)) return notAllowed(i.locale);
      return answer.openForm(entryForm(entryFormModel(i.app.ctx, i.member, weekArg(i, ref), customer), i.locale));
    }
    case 'report.add':
      if (i.member.role !== 'rep' && !isManagerial(i.member)) return notAllowed(i.locale);
      return answer.openForm(newCustomerForm({ week: weekArg(i, ref), template: i.app.ctx.settings.template }, i.locale));
    case 'report.same':
    case 'report.rest': {
      if (i.member.role !== 'rep') return notAllowed(i.locale);
      const week = weekArg(i, ref);
      let ids: number[] | 'rest' = 'rest';
      if (ref.kind === 'report.same') {
        const customer = repos.customers.getCustomer(idArg(ref, 'customerId') ?? 0);
        if (!customer) return stale;
        if (!canEditCustomer(i.member, customer)) return notAllowed(i.locale);
        ids = [customer.id];
      }
      const { carried } = carryEntries(i.app.ctx, i.member, week, ids);
      return answer.update(afterReportChange(i, week), carried === 0
          ? say(i.locale, interactionText.nothingToCarryOverFrom)
          : say(i.locale, interactionText.markedUnchanged(carried)));
    }
    case 'report.submit': {
      if (i.member.role !== 'rep') return notAllowed(i.locale);
      const week = weekArg(i, ref);
      // An empty report is asked about once; the confirming button says so.
      const status = repos.reports.reportStatuses(i.team.id, week).find((s) => s.repId === i.member.id);
      if (!status?.submittedAt && ref.args.empty !== '1' && filledCount(i.app.ctx, i.member, week) === 0) {
        const model = { ...reportPromptModel(i.app.ctx, i.member, week), confirmEmpty: true };
        return answer.update(reportPromptCard(model, i.locale), say(i.locale, interactionText.noCustomerFilledYet));
      }
      const { late, already } = submitReport(i.app.ctx, i.member, week);
      return answer.update(afterReportChange(i, week), already
          ? say(i.locale, interactionText.yourReportWasAlreadySubmitted(week))
          : late
          ? say(i.locale, interactionText.reportSubmittedLateTheDigest(week))
          : say(i.locale, interactionText.reportSubmittedThankYou(week)));
    }
    case 'task.claim': {
      const result = actOnTask(i.app.ctx, i.member, idArg(ref, 'taskId') ?? 0, { type: 'claim', actorId: i.member.id });
      if ('notFound' in result) return stale;
      if ('forbidden' in result) return notAllowed(i.locale);
      if (!result.ok) return answer.toast(t(result.error.userMessage, i.locale), 'warning');
      const card = afterTaskChange(i, result.task, message, digestWeekArg(i, ref));
      const done = say(i.locale, STATE_LABEL.claimed);
      return card ? answer.update(card, done) : answer.toast(done, 'success');
    }
    case 'task.resolve':
    case 'task.snooze': {
      const task = repos.tasks.getTask(idArg(ref, 'taskId') ?? 0);
      if (!task) return stale;
      if (!canActOnTask(i.app.ctx, i.member, task)) return notAllowed(i.locale);
      const customerName = repos.customers.getCustomer(task.customerId)?.name ?? `#${task.customerId}`;
      const model = { taskId: task.id, customerName, tag: task.tag, tagLabels: teamTagLabels(i.app.ctx.settings) };
      const form = ref.kind === 'task.resolve'
        ? resolveTaskForm(model, i.locale)
        : snoozeTaskForm({ ...model, today: teamNow(i.app.ctx, i.team.timezone).today }, i.locale);
      return answer.openForm(withDigestWeek(i, form, ref));
    }
    case 'task.progress': {
      const task = repos.tasks.getTask(idArg(ref, 'taskId') ?? 0);
      if (!task) return stale;
      if (!canActOnTask(i.app.ctx, i.member, task)) return notAllowed(i.locale);
      const week = currentReportWeek(i.app, i.team);
      const mine = repos.tasks.progressEvents([task.id]).filter((e) => e.week === week && e.actorId === i.member.id).at(-1);
      const customerName = repos.customers.getCustomer(task.customerId)?.name ?? `#${task.customerId}`;
      const thisWeek = mine?.status ? { status: mine.status, note: mine.note, blocker: mine.blocker ?? null } : null;
      return answer.openForm(progressTaskForm({ taskId: task.id, customerName, tag: task.tag, week, thisWeek, tagLabels: teamTagLabels(i.app.ctx.settings) }, i.locale));
    }
    case 'customer.details': {
      const customer = repos.customers.getCustomer(idArg(ref, 'customerId') ?? 0);
      if (!customer) return stale;
      if (!canSeeCustomer(i.app.ctx, i.member, customer)) return notAllowed(i.locale);
      const week = digestWeekArg(i, ref) ?? digestWeek(i) ?? currentReportWeek(i.app, i.team);
      const model = { ...customerCardModel(i.app.ctx, customer, week), charts: customerCharts(i.app.ctx, customer, week, i.locale) };
      return answer.reply(customerCard(model, i.locale, teamTagLabels(i.app.ctx.settings)));
    }
    case 'rep.remind': {
      if (!isManagerial(i.member)) return notAllowed(i.locale);
      const rep = repos.teams.getMember(idArg(ref, 'memberId') ?? 0);
      if (!rep || rep.teamId !== i.team.id) return stale;
      const { reachable } = remindRep(i.app, rep, weekArg(i, ref), `manual-${i.app.ctx.clock().toISOString()}`);
      return reachable
        ? answer.toast(say(i.locale, interactionText.reminderSentTo(rep.name)), 'success')
        : answer.toast(say(i.locale, interactionText.hasNoReachableAccountEmail(rep.name)), 'warning');
    }
    case 'digest.refresh': {
      if (!isManagerial(i.member)) return notAllowed(i.locale);
      const card = currentDigestCard(i, message, digestWeekArg(i, ref));
      return card ? answer.update(card) : stale;
    }
    case 'dashboard.open':
      return handleDashboard(i);
    case 'settings.show':
    case 'settings.open':
    case 'settings.undo':
      return handleSettingsAction(i, ref, message);
    default:
      return stale;
  }
}

