// Follow-up tasks: one per (customer, tag), routed to a role, tracked until the customer recovers.
import type { Role } from '../team.js';
import type { Grade, TagId } from '../customer-risk/types.js';
import type { WeekId } from '../weekly-report/week.js';

export const TASK_STATES = ['open', 'claimed', 'done', 'dismissed', 'snoozed'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** Tasks in these states still need someone. */
export const ACTIVE_STATES: readonly TaskState[] = ['open', 'claimed', 'snoozed'];

export interface FollowUpTask {
  id: number;
  teamId: number;
  customerId: number;
  tag: TagId;
  /** The role the problem type routes to (finance for overdue, …). */
  role: Role;
  /** A concrete person when one is known (owning rep, claimer, the only member with the role). */
  assigneeId: number | null;
  /** Grade A → director owns the follow-up; B → manager. */
  ownerRole: 'director' | 'manager';
  grade: Grade;
  state: TaskState;
  createdWeek: WeekId;
  /** YYYY-MM-DD the task should be acted on by. */
  dueDate: string;
  snoozedUntil: string | null;
  closedAt: string | null;
  closeNote: string | null;
  /** Index when the task closed; and 2 and 4 weeks later (the outcome log). */
  indexAtClose: number | null;
  indexAfter2w: number | null;
  indexAfter4w: number | null;
  escalated: boolean;
  /** A dismissal holds until this date (YYYY-MM-DD) unless the problem materially worsens; null = the default hold. */
  dismissedUntil?: string | null;
}

export type TaskEventKind = 'created' | 'claimed' | 'done' | 'dismissed' | 'snoozed' | 'reopened' | 'escalated' | 'reassigned' | 'recovered' | 'progress';

export const PROGRESS_STATUSES = ['in_progress', 'resolved', 'blocked'] as const;
/** This week's state of a follow-up, as its holder reports it. */
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export interface TaskEvent {
  taskId: number;
  kind: TaskEventKind;
  actorId: number | null;
  at: string;
  note: string | null;
  /** `progress` events: the status reported, who or what blocks it, and the report week it speaks for. */
  status?: ProgressStatus | null;
  blocker?: string | null;
  week?: string | null;
}
