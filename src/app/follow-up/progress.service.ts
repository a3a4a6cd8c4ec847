// Weekly progress on follow-up tasks (issue 11.1): asked in the rep's weekly form for each open task of the
// customer, and in the task DM for assignees other than the rep. Stored as `progress` task events.
import { text, type LocalizedText } from '../../core/i18n.js';
import { PROGRESS_STATUSES, type FollowUpTask, type ProgressStatus } from '../../core/follow-up/task.js';
import type { Member } from '../../core/team.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { AppContext } from '../context.js';
import { actOnTask, canActOnTask } from './follow-up.service.js';

export const NOTE_MAX = 200;

import { progressFields } from './progress-fields.view.js';

export interface ProgressInput {
  task: FollowUpTask;
  status: ProgressStatus;
  note: string | null;
  blocker: string | null;
}

type Raw = Readonly<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? v[0] ?? '' : v ?? '').trim();

/**
 * Read the progress fields of these tasks from a submitted form. A task left blank says nothing (that is how
 * "no progress" accrues); a note without a status counts as in progress; blocked needs who or what.
 */
export function readProgress(tasks: readonly FollowUpTask[], raw: Raw): { ok: true; items: ProgressInput[] } | { ok: false; errors: Array<{ field: string; message: LocalizedText }> } {
  const items: ProgressInput[] = [];
  const errors: Array<{ field: string; message: LocalizedText }> = [];
  for (const task of tasks) {
    const f = progressFields(task.id);
    const note = first(raw[f.note]);
    const statusRaw = first(raw[f.status]);
    const blocker = first(raw[f.blocker]);
    if (note === '' && statusRaw === '' && blocker === '') continue;
    const status = (statusRaw === '' ? 'in_progress' : statusRaw) as ProgressStatus;
    if (!PROGRESS_STATUSES.includes(status)) errors.push({ field: f.status, message: text('状态须为：进行中 / 已解决 / 受阻', 'Status must be: in progress / resolved / blocked') });
    if (note.length > NOTE_MAX) errors.push({ field: f.note, message: text(`进展最多 ${NOTE_MAX} 字`, `Progress must be at most ${NOTE_MAX} characters`) });
    if (status === 'blocked' && blocker === '') errors.push({ field: f.blocker, message: text('受阻时请写明卡在谁或什么', 'Say who or what blocks it') });
    if (blocker.length > NOTE_MAX) errors.push({ field: f.blocker, message: text(`最多 ${NOTE_MAX} 字`, `At most ${NOTE_MAX} characters`) });
    items.push({ task, status, note: note || null, blocker: status === 'blocked' ? blocker : null });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, items };
}

/** Store progress for `week`; "resolved" from someone who may act on the task also closes it. */
export function storeProgress(ctx: AppContext, member: Member, week: WeekId, items: readonly ProgressInput[]): void {
  const at = ctx.clock().toISOString();
  ctx.repos.transaction(() => {
    for (const { task, status, note, blocker } of items) {
      ctx.repos.tasks.recordProgress({ taskId: task.id, kind: 'progress', actorId: member.id, at, note, status, blocker, week });
      if (status === 'resolved' && canActOnTask(ctx, member, task)) actOnTask(ctx, member, task.id, { type: 'resolve', actorId: member.id, note: note ?? 'resolved (weekly progress)' });
    }
  });
}
