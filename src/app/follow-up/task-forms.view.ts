// Forms behind the Resolve and Snooze buttons.
import type { Locale } from '../../core/i18n.js';
import { addDays } from '../../core/weekly-report/week.js';
import type { TagId } from '../../core/customer-risk/types.js';
import { encodeAction } from '../../ui/action.js';
import type { FormSpec } from '../../ui/form.js';
import { L, tagLabel, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import { rawFormValues } from '../weekly-report/entry-form.view.js';
import { progressFormFields, progressFormValues, type ProgressTask } from './progress-fields.view.js';
import { say } from '../../core/i18n.js';
import { followUpText } from './follow-up.messages.js';

export interface TaskFormModel {
  taskId: number;
  customerName: string;
  tag: TagId;
  /** The team's tag names (teamTagLabels of its settings); built-in names only when absent. */
  tagLabels?: TagLabels;
}

const intro = (m: TaskFormModel, locale: Locale) => `${m.customerName} · ${tagLabel(m.tag, locale, m.tagLabels ?? BUILT_IN_TAG_LABELS)}`;

/** Resolve: what was done (`note`, required) and the outcome (`outcome`: done | dismissed). */
export function resolveTaskForm(
  model: TaskFormModel,
  locale: Locale,
  state?: { values?: Readonly<Record<string, string | string[]>>; errors?: Readonly<Record<string, string>> },
): FormSpec {
  return {
    formId: encodeAction({ kind: 'task.resolved', args: { taskId: String(model.taskId) } }),
    title: say(locale, followUpText.resolveFollowUp),
    submitLabel: say(locale, L.save),
    cancelLabel: say(locale, L.cancel),
    intro: intro(model, locale),
    fields: [
      {
        id: 'outcome', label: say(locale, followUpText.outcome), kind: 'select', required: true,
        options: [
          { value: 'done', label: say(locale, followUpText.done) },
          { value: 'dismissed', label: say(locale, followUpText.notNeededDismiss) },
        ],
      },
      {
        id: 'note', label: say(locale, followUpText.whatWasDoneWhyDismissed), kind: 'textarea', required: true,
        hint: say(locale, followUpText.aShortNoteKeptIn), maxLength: 1000,
      },
      {
        id: 'until', label: say(locale, followUpText.dismissUntilOptional), kind: 'date', required: false, placeholder: 'YYYY-MM-DD',
        hint: say(locale, followUpText.theSameProblemIsNot),
      },
    ],
    values: state?.values ? rawFormValues(state.values) : { outcome: 'done' },
    ...(state?.errors ? { errors: state.errors } : {}),
  };
}

/** Snooze: until when (`until`, a date after today, required) and why (`reason`). */
export function snoozeTaskForm(
  model: TaskFormModel & { today: string },
  locale: Locale,
  state?: { values?: Readonly<Record<string, string | string[]>>; errors?: Readonly<Record<string, string>> },
): FormSpec {
  return {
    formId: encodeAction({ kind: 'task.snoozed', args: { taskId: String(model.taskId) } }),
    title: say(locale, followUpText.snoozeFollowUp),
    submitLabel: say(locale, L.save),
    cancelLabel: say(locale, L.cancel),
    intro: intro(model, locale),
    fields: [
      {
        id: 'until', label: say(locale, followUpText.snoozeUntil), kind: 'date', required: true,
        hint: say(locale, followUpText.theTaskReopensOnThis), placeholder: 'YYYY-MM-DD',
      },
      {
        id: 'reason', label: say(locale, followUpText.reason), kind: 'textarea', required: false,
        hint: say(locale, followUpText.eGTheCustomerAnswers), maxLength: 500,
      },
    ],
    values: state?.values ? rawFormValues(state.values) : { until: addDays(model.today, 7) },
    ...(state?.errors ? { errors: state.errors } : {}),
  };
}

/** This week's progress on one task, from the task DM (assignees other than the rep: finance, service …). */
export function progressTaskForm(
  model: TaskFormModel & { week: string; thisWeek?: ProgressTask['thisWeek'] },
  locale: Locale,
  state?: { values?: Readonly<Record<string, string | string[]>>; errors?: Readonly<Record<string, string>> },
): FormSpec {
  const task: ProgressTask = { id: model.taskId, tag: model.tag, thisWeek: model.thisWeek ?? null, ...(model.tagLabels ? { tagLabels: model.tagLabels } : {}) };
  return {
    formId: encodeAction({ kind: 'task.progressed', args: { taskId: String(model.taskId), week: model.week } }),
    title: say(locale, followUpText.followUpProgress),
    submitLabel: say(locale, L.save),
    cancelLabel: say(locale, L.cancel),
    intro: `${intro(model, locale)} · ${model.week}`,
    fields: progressFormFields(task, locale),
    values: state?.values ? rawFormValues(state.values) : progressFormValues(task),
    ...(state?.errors ? { errors: state.errors } : {}),
  };
}
