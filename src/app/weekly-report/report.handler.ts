// The weekly report from chat: open a customer's form, carry last week over, add a customer, submit the
// week, a manager's Remind button; typed `report`, `away until …` and `back`.
import type { ActionRef } from '../../ui/action.js';
import { answer, type Answer } from '../answer.js';
import type { FeatureHandlers, FormValues, Interaction } from '../interaction/interaction-context.js';
import { cleanName } from '../../core/team.js';
import { text, say } from '../../core/i18n.js';
import { teamNow } from '../context.js';
import { absenceStartWeek, invalidateScores } from '../scoring/scoring.service.js';
import { readProgress, storeProgress } from '../follow-up/progress.service.js';
import { CUSTOMER_NAME_FIELD, entryForm, entryFormWithErrors, newCustomerForm, newCustomerFormWithErrors } from './entry-form.view.js';
import { reportPromptCard } from './report-prompt.view.js';
import { canEditCustomer, carryEntries, entryFormIssues, entryFormModel, filledCount, findOrAddCustomer, reportPromptModel, saveEntry, submitReport } from './report.service.js';
import { remindRep } from './remind.service.js';
import { currentReportWeek, firstValue, formClosed, historyWeek, idArg, isManagerial, notAllowed, staleButton, staleForm, weekArg } from '../interaction/interaction-context.js';
import { afterReportChange } from '../interaction/source-card.js';
import { weeklyReportText } from './weekly-report.messages.js';

function openEntryForm(i: Interaction, ref: ActionRef): Answer {
  const customer = i.repos.customers.getCustomer(idArg(ref, 'customerId') ?? 0);
  if (!customer) return staleButton(i.locale);
  if (!canEditCustomer(i.member, customer)) return notAllowed(i.locale);
  return answer.openForm(entryForm(entryFormModel(i, i.member, weekArg(i, ref), customer), i.locale));
}

function openNewCustomerForm(i: Interaction, ref: ActionRef): Answer {
  if (i.member.role !== 'rep' && !isManagerial(i.member)) return notAllowed(i.locale);
  return answer.openForm(newCustomerForm({ week: weekArg(i, ref), template: i.settings.template }, i.locale));
}

function carryOver(i: Interaction, ref: ActionRef): Answer {
  if (i.member.role !== 'rep') return notAllowed(i.locale);
  const week = weekArg(i, ref);
  let ids: number[] | 'rest' = 'rest';
  if (ref.kind === 'report.same') {
    const customer = i.repos.customers.getCustomer(idArg(ref, 'customerId') ?? 0);
    if (!customer) return staleButton(i.locale);
    if (!canEditCustomer(i.member, customer)) return notAllowed(i.locale);
    ids = [customer.id];
  }
  const { carried } = carryEntries(i, i.member, week, ids);
  return answer.update(afterReportChange(i, week), carried === 0
    ? say(i.locale, weeklyReportText.nothingToCarryOverFrom)
    : say(i.locale, weeklyReportText.markedUnchangedCustomer(carried, carried > 1 ? 's' : '')));
}

function submitWeek(i: Interaction, ref: ActionRef): Answer {
  if (i.member.role !== 'rep') return notAllowed(i.locale);
  const week = weekArg(i, ref);
  // An empty report is asked about once; the confirming button says so.
  const status = i.repos.reports.reportStatuses(i.team.id, week).find((s) => s.repId === i.member.id);
  if (!status?.submittedAt && ref.args.empty !== '1' && filledCount(i, i.member, week) === 0) {
    const model = { ...reportPromptModel(i, i.member, week), confirmEmpty: true };
    return answer.update(reportPromptCard(model, i.locale), say(i.locale, weeklyReportText.noCustomerFilledYet));
  }
  const { late, already } = submitReport(i, i.member, week);
  return answer.update(afterReportChange(i, week), already
    ? say(i.locale, weeklyReportText.yourReportWasAlreadySubmitted(week))
    : late
    ? say(i.locale, weeklyReportText.reportSubmittedLateTheDigest(week))
    : say(i.locale, weeklyReportText.reportSubmittedThankYou(week)));
}

function remindRepNow(i: Interaction, ref: ActionRef): Answer {
  if (!isManagerial(i.member)) return notAllowed(i.locale);
  const rep = i.repos.teams.getMember(idArg(ref, 'memberId') ?? 0);
  if (!rep || rep.teamId !== i.team.id) return staleButton(i.locale);
  const { reachable } = remindRep(i.app, rep, weekArg(i, ref), `manual-${i.clock().toISOString()}`);
  return reachable
    ? answer.toast(say(i.locale, weeklyReportText.reminderSentTo(rep.name)), 'success')
    : answer.toast(say(i.locale, weeklyReportText.hasNoReachableAccountEmail(rep.name)), 'warning');
}

function saveEntryForm(i: Interaction, ref: ActionRef, values: FormValues): Answer {
  const week = ref.args.week;
  if (!week) return staleForm(i.locale);
  const customer = i.repos.customers.getCustomer(Number(ref.args.customerId));
  if (!customer) return staleForm(i.locale);
  if (!canEditCustomer(i.member, customer)) return notAllowed(i.locale);
  const model = entryFormModel(i, i.member, week, customer);
  // Progress on the customer's open follow-ups is checked with the entry: nothing is stored unless both are valid.
  const open = (model.tasks ?? []).flatMap((t) => i.repos.tasks.getTask(t.id) ?? []);
  const progress = readProgress(open, values);
  const entryIssues = entryFormIssues(i.settings.template, values);
  if (!progress.ok || entryIssues.length > 0) {
    const issues = [...entryIssues, ...(progress.ok ? [] : progress.errors)];
    return answer.fieldErrors(entryFormWithErrors(model, values, issues, i.locale));
  }
  const saved = saveEntry(i, i.member, week, customer, values);
  if (!saved.ok) return answer.fieldErrors(entryFormWithErrors(model, values, saved.issues, i.locale));
  storeProgress(i, i.member, week, progress.items);
  return answer.formDone(say(i.locale, weeklyReportText.saved(customer.name)), afterReportChange(i, week));
}

function saveNewCustomerForm(i: Interaction, ref: ActionRef, values: FormValues): Answer {
  const week = ref.args.week;
  if (!week) return staleForm(i.locale);
  // Only reps and managers file reports: the same rule as the "Add customer" button.
  if (i.member.role !== 'rep' && !isManagerial(i.member)) return notAllowed(i.locale);
  const model = { week, template: i.settings.template };
  // Invisible characters (zero-width, bidi controls) would make a lookalike of an existing name.
  const name = cleanName(firstValue(values[CUSTOMER_NAME_FIELD]));
  const issues = entryFormIssues(i.settings.template, values);
  if (name === '') issues.unshift({ field: CUSTOMER_NAME_FIELD, message: text('请填写客户名称', 'Customer name is required') });
  const existing = name ? i.repos.customers.customerByName(i.team.id, name) : null;
  if (existing && !canEditCustomer(i.member, existing)) {
    issues.unshift({ field: CUSTOMER_NAME_FIELD, message: text('该客户由其他销售负责，请联系经理', 'This customer belongs to another rep; ask your manager') });
  }
  if (issues.length > 0) return answer.fieldErrors(newCustomerFormWithErrors(model, values, issues, i.locale));
  const customer = findOrAddCustomer(i, i.member, name);
  saveEntry(i, i.member, week, customer, values);
  return answer.formDone(say(i.locale, weeklyReportText.added(customer.name)), afterReportChange(i, week));
}

function restoreReportCard(i: Interaction, ref: ActionRef): Answer {
  const closed = formClosed(i.locale);
  const week = historyWeek(i, ref.args.week);
  if (!week || i.member.role !== 'rep') return answer.toast(closed);
  return answer.update(reportPromptCard(reportPromptModel(i, i.member, week), i.locale), closed);
}

const REPORT = /^(report|weekly report|周报|填周报|填写周报|写周报)$/i;
const AWAY = /^(?:away|ooo|请假|休假|不在)\s*(?:until|till|to|到|至)?\s*(\d{4}[-/]\d{1,2}[-/]\d{1,2})$/i;
const BACK = /^(back|i'?m back|回来了|已返岗|取消请假)$/i;

function normalizeDate(raw: string): string | null {
  const [y, m, d] = raw.split(/[-/]/).map(Number);
  if (!y || !m || !d) return null;
  const iso = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}


function showReportCard(i: Interaction): Answer {
  if (i.member.role !== 'rep') return answer.toast(say(i.locale, weeklyReportText.onlyRepsFillWeeklyReports), 'info');
  const week = currentReportWeek(i.app, i.team);
  return answer.reply(reportPromptCard(reportPromptModel(i, i.member, week), i.locale));
}

function setAway(i: Interaction, typed: string): Answer {
  const until = normalizeDate(AWAY.exec(typed)?.[1] ?? '');
  if (!until) return answer.toast(say(i.locale, weeklyReportText.useADateAsYyyy), 'warning');
  if (until < teamNow(i, i.team.timezone).today) {
    return answer.toast(say(i.locale, weeklyReportText.thatDateIsInThe), 'warning');
  }
  i.repos.teams.setAway(i.member.id, until);
  invalidateScores(i, i.team.id, absenceStartWeek(until));
  return answer.toast(say(i.locale, weeklyReportText.gotItUntilYouWont(until)), 'success');
}

function comeBack(i: Interaction): Answer {
  if (i.member.awayUntil) invalidateScores(i, i.team.id, absenceStartWeek(i.member.awayUntil));
  i.repos.teams.setAway(i.member.id, null);
  return answer.toast(say(i.locale, weeklyReportText.welcomeBack), 'success');
}

export const weeklyReportHandlers: FeatureHandlers = {
  actions: {
    'report.open': openEntryForm,
    'report.add': openNewCustomerForm,
    'report.same': carryOver,
    'report.rest': carryOver,
    'report.submit': submitWeek,
    'rep.remind': remindRepNow,
  },
  forms: {
    'report.save': saveEntryForm,
    'report.new': saveNewCustomerForm,
  },
  cancels: {
    'report.save': restoreReportCard,
    'report.new': restoreReportCard,
  },
  commands: [
    { matches: (t) => REPORT.test(t), handle: showReportCard },
    { matches: (t) => AWAY.test(t), handle: setAway },
    { matches: (t) => BACK.test(t), handle: comeBack },
  ],
};
