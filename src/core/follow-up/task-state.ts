// The follow-up task state machine: open → claimed → done | dismissed | snoozed, snoozed → open when
// the date passes, done/dismissed → open on reopen. Every accepted transition yields its TaskEvent.
import type { LocalizedText } from '../i18n.js';
import { text } from '../i18n.js';
import { CoreError } from '../errors.js';
import { daysBetween } from '../weekly-report/week.js';
import type { FollowUpTask, TaskEvent, TaskState } from './task.js';

export type TaskCommand =
  | { type: 'claim'; actorId: number }
  | { type: 'resolve'; actorId: number | null; note?: string | null }
  | { type: 'dismiss'; actorId: number | null; reason: string; until?: string | null }
  | { type: 'snooze'; actorId: number | null; until: string; reason?: string | null }
  | { type: 'reopen'; actorId: number | null; note?: string | null }
  | { type: 'reassign'; actorId: number | null; assigneeId: number | null };

export interface TransitionContext {
  /** ISO timestamp recorded on the event (and closedAt). */
  now: string;
  /** YYYY-MM-DD in the team's timezone (snooze dates must be after it). */
  today: string;
  /** The customer's current index, recorded as indexAtClose when the task closes. */
  index?: number | null;
}

export type TaskStateErrorCode = 'invalid_transition' | 'already_claimed' | 'reason_required' | 'invalid_date' | 'date_not_future';

/** A refused transition; `userMessage` is safe to show as-is. */
export class TaskStateError extends CoreError {
  declare readonly code: TaskStateErrorCode;
  constructor(
    code: TaskStateErrorCode,
    userMessage: LocalizedText,
    readonly from: TaskState,
    readonly command: TaskCommand['type'],
  ) {
    super(code, `${code}: cannot ${command} a task in state ${from}`, { userMessage });
    this.name = 'TaskStateError';
  }
}

export type TransitionResult =
  | { ok: true; task: FollowUpTask; event: TaskEvent }
  | { ok: false; error: TaskStateError };

/** Which states each command accepts. */
export const ALLOWED_FROM: Record<TaskCommand['type'], readonly TaskState[]> = {
  claim: ['open', 'snoozed'],
  resolve: ['open', 'claimed', 'snoozed'],
  dismiss: ['open', 'claimed', 'snoozed'],
  snooze: ['open', 'claimed'],
  reopen: ['done', 'dismissed'],
  reassign: ['open', 'claimed', 'snoozed'],
};

const STATE_LABEL: Record<TaskState, LocalizedText> = {
  open: text('待处理', 'open'),
  claimed: text('已认领', 'claimed'),
  done: text('已完成', 'done'),
  dismissed: text('已忽略', 'dismissed'),
  snoozed: text('已暂缓', 'snoozed'),
};

const VERB: Record<TaskCommand['type'], LocalizedText> = {
  claim: text('认领', 'claimed'),
  resolve: text('标记完成', 'resolved'),
  dismiss: text('忽略', 'dismissed'),
  snooze: text('暂缓', 'snoozed'),
  reopen: text('重新打开', 'reopened'),
  reassign: text('转派', 'reassigned'),
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const blank = (s: string | null | undefined) => s === null || s === undefined || s.trim() === '';
const clean = (s: string | null | undefined) => (blank(s) ? null : s!.trim());

function refuse(task: FollowUpTask, cmd: TaskCommand, code: TaskStateErrorCode, msg: LocalizedText): TransitionResult {
  return { ok: false, error: new TaskStateError(code, msg, task.state, cmd.type) };
}

/** Apply one command. Never throws: refusals come back as `{ ok: false, error }`. */
export function applyTaskCommand(task: FollowUpTask, cmd: TaskCommand, ctx: TransitionContext): TransitionResult {
  if (cmd.type === 'claim' && task.state === 'claimed') {
    return refuse(task, cmd, 'already_claimed', text('这个任务已经有人认领了', 'Someone has already claimed this task'));
  }
  if (!ALLOWED_FROM[cmd.type].includes(task.state)) {
    const s = STATE_LABEL[task.state];
    const v = VERB[cmd.type];
    return refuse(task, cmd, 'invalid_transition',
      text(`任务当前为「${s.zh}」，不能${v.zh}`, `This task is ${s.en} and can't be ${v.en}`));
  }
  const event = (kind: TaskEvent['kind'], note: string | null): TaskEvent =>
    ({ taskId: task.id, kind, actorId: cmd.actorId, at: ctx.now, note });
  const closed = (state: 'done' | 'dismissed', note: string | null): FollowUpTask => ({
    ...task, state, closedAt: ctx.now, closeNote: note, snoozedUntil: null, indexAtClose: ctx.index ?? null,
  });

  switch (cmd.type) {
    case 'claim':
      return { ok: true, task: { ...task, state: 'claimed', assigneeId: cmd.actorId, snoozedUntil: null }, event: event('claimed', null) };
    case 'resolve': {
      const note = clean(cmd.note);
      return { ok: true, task: closed('done', note), event: event('done', note) };
    }
    case 'dismiss': {
      if (blank(cmd.reason)) return refuse(task, cmd, 'reason_required', text('请填写忽略原因', 'Please give a reason for dismissing'));
      const until = clean(cmd.until);
      if (until !== null && !isDate(until)) return refuse(task, cmd, 'invalid_date', text('忽略至须为日期 YYYY-MM-DD', 'Dismiss until must be a date as YYYY-MM-DD'));
      if (until !== null && daysBetween(ctx.today, until) <= 0) return refuse(task, cmd, 'date_not_future', text('忽略至须晚于今天', 'Dismiss until must be after today'));
      const reason = clean(cmd.reason);
      return { ok: true, task: { ...closed('dismissed', reason), dismissedUntil: until }, event: event('dismissed', until ? `until ${until}: ${reason}` : reason) };
    }
    case 'snooze': {
      if (!isDate(cmd.until)) return refuse(task, cmd, 'invalid_date', text('暂缓日期须为 YYYY-MM-DD', 'Snooze until must be a date as YYYY-MM-DD'));
      if (daysBetween(ctx.today, cmd.until) <= 0) return refuse(task, cmd, 'date_not_future', text('暂缓日期须晚于今天', 'Snooze until must be after today'));
      const reason = clean(cmd.reason);
      return {
        ok: true,
        task: { ...task, state: 'snoozed', snoozedUntil: cmd.until },
        event: event('snoozed', reason ? `until ${cmd.until}: ${reason}` : `until ${cmd.until}`),
      };
    }
    case 'reopen':
      return {
        ok: true,
        task: { ...task, state: 'open', closedAt: null, closeNote: null, indexAtClose: null, indexAfter2w: null, indexAfter4w: null, dismissedUntil: null },
        event: event('reopened', clean(cmd.note)),
      };
    case 'reassign':
      return { ok: true, task: { ...task, assigneeId: cmd.assigneeId }, event: event('reassigned', cmd.assigneeId === null ? null : `to ${cmd.assigneeId}`) };
  }
}

/** Snoozed tasks whose date has come (today ≥ snoozedUntil) go back to open. */
export function wakeSnoozed(tasks: readonly FollowUpTask[], today: string, now = `${today}T00:00:00.000Z`): Array<{ task: FollowUpTask; event: TaskEvent }> {
  const out: Array<{ task: FollowUpTask; event: TaskEvent }> = [];
  for (const task of tasks) {
    if (task.state !== 'snoozed' || task.snoozedUntil === null || task.snoozedUntil > today) continue;
    out.push({
      task: { ...task, state: 'open', snoozedUntil: null },
      event: { taskId: task.id, kind: 'reopened', actorId: null, at: now, note: `snooze ended ${task.snoozedUntil}` },
    });
  }
  return out;
}

/** The localized label of a task state. */
export const taskStateLabel = (state: TaskState): LocalizedText => STATE_LABEL[state];
