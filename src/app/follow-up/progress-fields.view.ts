// The progress fields asked for each open follow-up: in the rep's weekly form and in the task DM's form.
import type { Locale } from '../../core/i18n.js';
import type { TagId } from '../../core/customer-risk/types.js';
import type { ProgressStatus } from '../../core/follow-up/task.js';
import type { FormField } from '../../ui/form.js';
import { tagLabel, BUILT_IN_TAG_LABELS, type TagLabels } from '../shared/view-text.js';
import { say } from '../../core/i18n.js';
import { followUpText } from './follow-up.messages.js';
import { commonText } from '../shared/common.messages.js';

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
      label: say(locale, followUpText.followUpProgress2(what)),
      hint: say(locale, followUpText.whatHappenedThisWeekIn),
    },
    {
      id: f.status, kind: 'select', required: false, label: say(locale, followUpText.followUpStatus),
      options: [
        { value: 'in_progress', label: say(locale, followUpText.inProgress) },
        { value: 'resolved', label: say(locale, commonText.resolved) },
        { value: 'blocked', label: say(locale, followUpText.blocked) },
      ],
    },
    { id: f.blocker, kind: 'text', required: false, maxLength: 200, label: say(locale, followUpText.blockedByWhoOrWhat) },
  ];
}

export function progressFormValues(task: ProgressTask): Record<string, string> {
  const f = progressFields(task.id);
  const p = task.thisWeek;
  if (!p) return {};
  return { [f.status]: p.status, ...(p.note ? { [f.note]: p.note } : {}), ...(p.blocker ? { [f.blocker]: p.blocker } : {}) };
}
