// Forms behind the Resolve and Snooze buttons.
import type { Locale } from '../../core/i18n.js';
import { addDays } from '../../core/weekly-report/week.js';
import type { TagId } from '../../core/customer-risk/types.js';
import { encodeAction } from '../../ui/action.js';
import type { FormSpec } from '../../ui/form.js';
import { L, t, tagLabel, tr, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import { rawFormValues } from '../weekly-report/entry-form.view.js';
import { progressFormFields, progressFormValues, type ProgressTask } from './progress-fields.view.js';

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
    title: tr(locale, '完成跟进', 'Resolve follow-up'),
    submitLabel: t(L.save, locale),
    cancelLabel: t(L.cancel, locale),
    intro: intro(model, locale),
    fields: [
      {
        id: 'outcome', label: tr(locale, '结果', 'Outcome'), kind: 'select', required: true,
        options: [
          { value: 'done', label: tr(locale, '已处理', 'Done') },
          { value: 'dismissed', label: tr(locale, '无需处理（忽略）', 'Not needed (dismiss)') },
        ],
      },
      {
        id: 'note', label: tr(locale, '做了什么 / 忽略原因', 'What was done / why dismissed'), kind: 'textarea', required: true,
        hint: tr(locale, '简要说明，会记入任务历史', 'A short note, kept in the task history'), maxLength: 1000,
      },
      {
        id: 'until', label: tr(locale, '忽略至（可选）', 'Dismiss until (optional)'), kind: 'date', required: false, placeholder: 'YYYY-MM-DD',
        hint: tr(locale, '忽略后同一问题在此日期前不再提醒，除非明显恶化', 'The same problem is not raised again before this date unless it clearly worsens'),
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
    title: tr(locale, '暂缓跟进', 'Snooze follow-up'),
    submitLabel: t(L.save, locale),
    cancelLabel: t(L.cancel, locale),
    intro: intro(model, locale),
    fields: [
      {
        id: 'until', label: tr(locale, '暂缓至', 'Snooze until'), kind: 'date', required: true,
        hint: tr(locale, '到这一天任务会重新打开', 'The task reopens on this day'), placeholder: 'YYYY-MM-DD',
      },
      {
        id: 'reason', label: tr(locale, '原因', 'Reason'), kind: 'textarea', required: false,
        hint: tr(locale, '例如：客户月底才能答复', 'e.g. the customer answers at month end'), maxLength: 500,
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
    title: tr(locale, '跟进进展', 'Follow-up progress'),
    submitLabel: t(L.save, locale),
    cancelLabel: t(L.cancel, locale),
    intro: `${intro(model, locale)} · ${model.week}`,
    fields: progressFormFields(task, locale),
    values: state?.values ? rawFormValues(state.values) : progressFormValues(task),
    ...(state?.errors ? { errors: state.errors } : {}),
  };
}
