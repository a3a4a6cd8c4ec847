// The weekly follow-up plan: which tasks to open, escalate and close as recovered, and which outcome
// log entries are due. Pure: the caller stores the result (tasks + events) in one transaction.
import type { Customer, Member } from '../team.js';
import { text, type Locale, type LocalizedText } from '../i18n.js';
import type { CustomerScore, TagId } from '../customer-risk/types.js';
import type { WeekId } from '../weekly-report/week.js';
import { addDays, isoWeekOfUtcDate, formatWeekId, weeksBetween } from '../weekly-report/week.js';
import type { FollowUpTask, TaskEvent } from './task.js';
import { ACTIVE_STATES } from './task.js';
import type { RoutingConfig } from './routing.js';
import { DEFAULT_ROUTING, primaryRole } from './routing.js';
import { assigneeFor } from './assignees.js';

/** A task not stored yet (the repository assigns the id and records its `created` event). */
export type NewTask = Omit<FollowUpTask, 'id'>;

export interface PlanInput {
  teamId: number;
  week: WeekId;
  /** YYYY-MM-DD in the team's timezone; due dates count from it. */
  today: string;
  /** ISO timestamp for events and closedAt; defaults to `${today}T00:00:00.000Z`. */
  now?: string;
  /** This week's scores (all scored customers, flagged or not). */
  scores: readonly CustomerScore[];
  customers: readonly Customer[];
  members: readonly Member[];
  /** Tasks in an active state (open, claimed, snoozed). Others are ignored. */
  activeTasks: readonly FollowUpTask[];
  /** Closed tasks (done/dismissed) whose 4-week outcome is not recorded yet. */
  closedTasks?: readonly FollowUpTask[];
  /** Dismissed tasks: a dismissal holds the same (customer, tag) back until it ends or the problem worsens. */
  dismissedTasks?: readonly FollowUpTask[];
  /** Days overdue that make grade A (scoring.hardTriggers.overdueDaysA): a new hard trigger ends a dismissal. */
  overdueDaysA?: number;
  config?: RoutingConfig;
  /** The team's language: notes the plan writes into task events (why a task reopened) are in it. */
  locale?: Locale;
}

export interface TaskChange {
  /** The task after the change. */
  task: FollowUpTask;
  event: TaskEvent;
}

/** Outcome log entries due on one closed task (both when a run was missed and 4+ weeks passed). */
export interface OutcomeDue {
  taskId: number;
  fields: Array<'indexAfter2w' | 'indexAfter4w'>;
  /** The customer's index this week. */
  index: number;
  /** The task with the fields filled. */
  task: FollowUpTask;
}

export interface FollowUpPlan {
  create: NewTask[];
  /** Dismissed tasks raised again (the hold ended or the problem worsened), with the reason in the event. */
  reopen: TaskChange[];
  escalate: TaskChange[];
  recovered: TaskChange[];
  outcomes: OutcomeDue[];
}

const key = (customerId: number, tag: TagId) => `${customerId}:${tag}`;

/** The ISO week of a timestamp's calendar date (closedAt is stored in the team's local date prefix). */
const weekOfTimestamp = (iso: string): WeekId => {
  const { year, week } = isoWeekOfUtcDate(new Date(`${iso.slice(0, 10)}T00:00:00Z`));
  return formatWeekId(year, week);
};

/** Plan this week's follow-ups from this week's scores and the tasks already open. */
export function planFollowUps(input: PlanInput): FollowUpPlan {
  const config = input.config ?? DEFAULT_ROUTING;
  const now = input.now ?? `${input.today}T00:00:00.000Z`;
  const scoreOf = new Map(input.scores.map((s) => [s.customerId, s]));
  const customerOf = new Map(input.customers.map((c) => [c.id, c]));
  const active = input.activeTasks.filter((t) => ACTIVE_STATES.includes(t.state));
  const activeKeys = new Set(active.map((t) => key(t.customerId, t.tag)));

  const create: NewTask[] = [];
  const reopen: TaskChange[] = [];
  const dismissal = config.dismissal ?? DEFAULT_ROUTING.dismissal;
  // The latest dismissal per (customer, tag).
  const dismissedOf = new Map<string, FollowUpTask>();
  for (const t of input.dismissedTasks ?? []) {
    if (t.state !== 'dismissed' || t.closedAt === null) continue;
    const k = key(t.customerId, t.tag);
    const had = dismissedOf.get(k);
    if (!had || (had.closedAt ?? '') < t.closedAt) dismissedOf.set(k, t);
  }
  // Highest index first so ids (and DMs) follow the digest order.
  const flagged = [...input.scores].filter((s) => s.grade !== null).sort((a, b) => b.index - a.index || a.customerId - b.customerId);
  for (const score of flagged) {
    const grade = score.grade!;
    for (const tag of score.tags) {
      const k = key(score.customerId, tag);
      if (activeKeys.has(k)) continue;
      const dismissed = dismissedOf.get(k);
      const verdict = dismissed ? dismissalVerdict(dismissed, score, input.today, dismissal, input.overdueDaysA) : null;
      if (verdict && verdict.holds) continue;
      activeKeys.add(k);
      const role = primaryRole(config, tag);
      if (dismissed && verdict) {
        reopen.push({
          task: {
            ...dismissed, state: 'open', grade, ownerRole: grade === 'A' ? 'director' : 'manager', createdWeek: input.week,
            dueDate: addDays(input.today, config.dueDays[grade]), assigneeId: assigneeFor(role, customerOf.get(score.customerId) ?? null, input.members),
            closedAt: null, closeNote: null, indexAtClose: null, indexAfter2w: null, indexAfter4w: null, escalated: false, dismissedUntil: null, snoozedUntil: null,
          },
          event: { taskId: dismissed.id, kind: 'reopened', actorId: null, at: now, note: verdict.why[input.locale ?? 'en'] },
        });
        continue;
      }
      create.push({
        teamId: input.teamId,
        customerId: score.customerId,
        tag,
        role,
        assigneeId: assigneeFor(role, customerOf.get(score.customerId) ?? null, input.members),
        ownerRole: grade === 'A' ? 'director' : 'manager',
        grade,
        state: 'open',
        createdWeek: input.week,
        dueDate: addDays(input.today, config.dueDays[grade]),
        snoozedUntil: null,
        closedAt: null,
        closeNote: null,
        indexAtClose: null,
        indexAfter2w: null,
        indexAfter4w: null,
        escalated: false,
      });
    }
  }

  const escalate: TaskChange[] = [];
  const recovered: TaskChange[] = [];
  for (const task of active) {
    const score = scoreOf.get(task.customerId);
    // No score, or too little data to judge: say nothing either way.
    if (!score || !score.hasData) continue;
    const stillFlagged = score.grade !== null && score.tags.includes(task.tag);
    if (!stillFlagged) {
      recovered.push({
        task: { ...task, state: 'done', closedAt: now, closeNote: 'recovered', indexAtClose: score.index, snoozedUntil: null },
        event: { taskId: task.id, kind: 'recovered', actorId: null, at: now, note: `index ${score.index}` },
      });
      continue;
    }
    // A snoozed task was parked on purpose: it escalates after it wakes, not while asleep.
    if (task.state !== 'snoozed' && !task.escalated && weeksBetween(task.createdWeek, input.week) >= config.escalateAfterWeeks) {
      const weeks = weeksBetween(task.createdWeek, input.week);
      escalate.push({
        task: { ...task, escalated: true, ownerRole: 'director', grade: score.grade! },
        event: { taskId: task.id, kind: 'escalated', actorId: null, at: now, note: `still red after ${weeks} weeks, index ${score.index}` },
      });
    }
  }

  const outcomes: OutcomeDue[] = [];
  const reopened = new Set(reopen.map((c) => c.task.id));
  for (const task of input.closedTasks ?? []) {
    if (reopened.has(task.id)) continue;
    if (task.closedAt === null || (task.state !== 'done' && task.state !== 'dismissed')) continue;
    const score = scoreOf.get(task.customerId);
    if (!score) continue;
    const weeks = weeksBetween(weekOfTimestamp(task.closedAt), input.week);
    const fields: OutcomeDue['fields'] = [];
    if (weeks >= 2 && task.indexAfter2w === null) fields.push('indexAfter2w');
    if (weeks >= 4 && task.indexAfter4w === null) fields.push('indexAfter4w');
    if (fields.length === 0) continue;
    const updated = { ...task };
    for (const f of fields) updated[f] = score.index;
    outcomes.push({ taskId: task.id, fields, index: score.index, task: updated });
  }

  return { create, reopen, escalate, recovered, outcomes };
}

/**
 * Whether a dismissal still holds this week, and if not, why the task comes back (said in its event):
 * the problem materially worsened (index up by the margin since the dismissal, or a new hard trigger), or
 * the dismissal ran out (its until-date, else the default hold).
 */
export function dismissalVerdict(
  task: FollowUpTask, score: CustomerScore, today: string, cfg: RoutingConfig['dismissal'], overdueDaysA?: number,
): { holds: boolean; why: LocalizedText } {
  const on = (task.closedAt ?? today).slice(0, 10);
  const reason = task.closeNote ? text(`（“${task.closeNote}”）`, ` ("${task.closeNote}")`) : text('', '');
  const at = task.indexAtClose;
  if (at !== null && score.index >= at + cfg.reopenMargin) {
    const up = Math.round((score.index - at) * 10) / 10;
    return { holds: false, why: text(`重新打开：${on} 忽略后指数 ${at} → ${score.index}（+${up}）${reason.zh}`,
      `reopened: index ${at} → ${score.index} (+${up}) since dismissed on ${on}${reason.en}`) };
  }
  const overdue = score.dimensions.payment?.facts.overdueDays;
  // A hard trigger is new when the task was dismissed below grade A (an A by the 90-day rule would have been A).
  if (overdueDaysA !== undefined && typeof overdue === 'number' && overdue >= overdueDaysA && task.grade !== 'A') {
    return { holds: false, why: text(`重新打开：${on} 忽略后已逾期 ${overdue} 天（≥${overdueDaysA}，A 级）${reason.zh}`,
      `reopened: now ${overdue} days overdue (≥${overdueDaysA}, grade A) since dismissed on ${on}${reason.en}`) };
  }
  const until = task.dismissedUntil ?? addDays(on, 7 * cfg.holdWeeks);
  if (until > today) return { holds: true, why: text(`${on} 已忽略，至 ${until}${reason.zh}`, `dismissed on ${on} until ${until}${reason.en}`) };
  return { holds: false, why: text(`重新打开：${on} 的忽略已于 ${until} 到期${reason.zh}，问题仍在`,
    `reopened: the dismissal of ${on} ran until ${until}${reason.en}, and the problem is still there`) };
}
