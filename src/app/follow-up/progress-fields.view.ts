// The progress fields asked for each open follow-up: in the rep's weekly form and in the task DM's form.
import type { Locale } from '../../core/i18n.js';
import type { TagId } from '../../core/customer-risk/types.js';
import type { ProgressStatus } from '../../core/follow-up/task.js';
import type { FormField } from '../../ui/form.js';
import { t, tagLabel, tr, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';

/** Form field ids for one task's progress (the task id keeps several tasks apart in one form). */
export const progressFields = (taskId: number) => ({ note: `progress_${taskId}`, status: `progressStatus_${taskId}`, blocker: `progressBlocker_${taskId}` });

export interface ProgressTask {
  id: number;
  tag: TagId;
  /** What was already reported for this week, shown again. */
  thisWeek?: { status: ProgressStatus; note: string | null; blocker: string | null } | null;
  /** The team's tag names (teamTagLabels of its settings); built-in names only when absent. */
  tagLabels?: TagLabels;
}

export function progressFormFields(task: ProgressTask, locale: Locale): FormField[] {
  const f = progressFields(task.id);
  const what = tagLabel(task.tag, locale, task.tagLabels ?? BUILT_IN_TAG_LABELS);
  return [
    {
      id: f.note, kind: 'textarea', required: false, maxLength: 200,
      label: tr(locale, `跟进进展：${what}`, `Follow-up progress: ${what}`),
      hint: tr(locale, '本周做了什么（一两句）；留空 = 本周无进展', 'What happened this week, in a line or two; blank = no progress'),
    },
    {
      id: f.status, kind: 'select', required: false, label: tr(locale, '跟进状态', 'Follow-up status'),
      options: [
        { value: 'in_progress', label: tr(locale, '进行中', 'In progress') },
        { value: 'resolved', label: tr(locale, '已解决', 'Resolved') },
        { value: 'blocked', label: tr(locale, '受阻', 'Blocked') },
      ],
    },
    { id: f.blocker, kind: 'text', required: false, maxLength: 200, label: tr(locale, '受阻于（谁/什么）', 'Blocked by (who or what)') },
  ];
}

export function progressFormValues(task: ProgressTask): Record<string, string> {
  const f = progressFields(task.id);
  const p = task.thisWeek;
  if (!p) return {};
  return { [f.status]: p.status, ...(p.note ? { [f.note]: p.note } : {}), ...(p.blocker ? { [f.blocker]: p.blocker } : {}) };
}
