// Follow-up tasks and their event history.
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { FollowUpTask, TaskEvent, TaskEventKind, TaskState } from '../../core/follow-up/task.js';
import { ACTIVE_STATES } from '../../core/follow-up/task.js';
import type { Grade, TagId } from '../../core/customer-risk/types.js';
import type { Role } from '../../core/team.js';
import type { TaskRepo } from '../../app/ports/repositories.port.js';
import type { Db } from '../db.js';
import { isUniqueViolation, taskAlreadyActive } from '../errors.js';
import { taskEvents, tasks } from '../schema.js';

type TaskRow = typeof tasks.$inferSelect;

/** A stored task row as the port's task (shared with the PostgreSQL repository: the columns are the same). */
export const toTask = (r: TaskRow): FollowUpTask => ({
  id: r.id,
  teamId: r.teamId,
  customerId: r.customerId,
  tag: r.tag as TagId,
  role: r.role as Role,
  assigneeId: r.assigneeId,
  ownerRole: r.ownerRole,
  grade: r.grade as Grade,
  state: r.state as TaskState,
  createdWeek: r.createdWeek,
  dueDate: r.dueDate,
  snoozedUntil: r.snoozedUntil,
  closedAt: r.closedAt,
  closeNote: r.closeNote,
  indexAtClose: r.indexAtClose,
  indexAfter2w: r.indexAfter2w,
  indexAfter4w: r.indexAfter4w,
  escalated: r.escalated,
  dismissedUntil: r.dismissedUntil,
});

/** The port's task as a row to store. */
export const toTaskRow = (t: Omit<FollowUpTask, 'id'>) => ({
  teamId: t.teamId, customerId: t.customerId, tag: t.tag, role: t.role, assigneeId: t.assigneeId,
  ownerRole: t.ownerRole, grade: t.grade, state: t.state, createdWeek: t.createdWeek, dueDate: t.dueDate,
  snoozedUntil: t.snoozedUntil, closedAt: t.closedAt, closeNote: t.closeNote, indexAtClose: t.indexAtClose,
  indexAfter2w: t.indexAfter2w, indexAfter4w: t.indexAfter4w, escalated: t.escalated, dismissedUntil: t.dismissedUntil ?? null,
});

type EventRow = typeof taskEvents.$inferSelect;

// Progress fields only on progress events, so other events keep their plain shape.
export const toEvent = (r: EventRow): TaskEvent => (r.kind === 'progress'
  ? { taskId: r.taskId, kind: 'progress', actorId: r.actorId, at: r.at, note: r.note, status: r.status, blocker: r.blocker, week: r.week }
  : { taskId: r.taskId, kind: r.kind as TaskEventKind, actorId: r.actorId, at: r.at, note: r.note });

/** The port's event as a row to store. */
export const toEventRow = (event: TaskEvent) => ({
  taskId: event.taskId, kind: event.kind, actorId: event.actorId, at: event.at, note: event.note,
  status: event.status ?? null, blocker: event.blocker ?? null, week: event.week ?? null,
});

export class SqliteTaskRepo implements TaskRepo {
  // Prepared once: building and preparing the SQL again on every click costs more than running it.
  // States travel as a JSON array (json_each), so one statement serves every filter.
  private readonly taskById;
  private readonly listQueries;

  constructor(private readonly db: Db) {
    this.taskById = db.orm.select().from(tasks).where(eq(tasks.id, sql.placeholder('id'))).prepare();
    const team = eq(tasks.teamId, sql.placeholder('teamId'));
    const customer = eq(tasks.customerId, sql.placeholder('customerId'));
    const states = sql`${tasks.state} IN (SELECT value FROM json_each(${sql.placeholder('states')}))`;
    const q = (...where: SQL[]) => db.orm.select().from(tasks).where(and(...where)).orderBy(asc(tasks.id)).prepare();
    this.listQueries = { team: q(team), teamStates: q(team, states), customer: q(team, customer), customerStates: q(team, customer, states) };
  }

  getTask(taskId: number): FollowUpTask | null {
    const row = this.taskById.get({ id: taskId });
    return row ? toTask(row) : null;
  }

  activeTask(customerId: number, tag: string): FollowUpTask | null {
    const row = this.db.orm.select().from(tasks)
      .where(and(eq(tasks.customerId, customerId), eq(tasks.tag, tag), inArray(tasks.state, [...ACTIVE_STATES]))).get();
    return row ? toTask(row) : null;
  }

  listTasks(teamId: number, filter: { states?: readonly string[]; customerId?: number } = {}): FollowUpTask[] {
    if (filter.states && filter.states.length === 0) return [];
    const q = this.listQueries;
    const states = filter.states ? JSON.stringify(filter.states) : undefined;
    const rows = filter.customerId === undefined
      ? (states === undefined ? q.team.all({ teamId }) : q.teamStates.all({ teamId, states }))
      : (states === undefined ? q.customer.all({ teamId, customerId: filter.customerId }) : q.customerStates.all({ teamId, customerId: filter.customerId, states }));
    return rows.map(toTask);
  }

  /** Throws when the customer already has an active task with this tag (one per (customer, tag)). */
  insertTask(task: Omit<FollowUpTask, 'id'>): FollowUpTask {
    try {
      return toTask(this.db.orm.insert(tasks).values(toTaskRow(task)).returning().get());
    } catch (err) {
      throw isUniqueViolation(err) ? taskAlreadyActive(task.customerId, task.tag, err) : err;
    }
  }

  updateTask(task: FollowUpTask): void {
    this.db.orm.update(tasks).set(toTaskRow(task)).where(eq(tasks.id, task.id)).run();
  }

  addEvent(event: TaskEvent): void {
    this.db.orm.insert(taskEvents).values(toEventRow(event)).run();
  }

  events(taskId: number): TaskEvent[] {
    return this.db.orm.select().from(taskEvents).where(eq(taskEvents.taskId, taskId)).orderBy(asc(taskEvents.id)).all().map(toEvent);
  }

  recordProgress(event: TaskEvent & { kind: 'progress'; week: string }): void {
    // One progress per (task, person, week): saving the form again replaces it.
    this.db.orm.delete(taskEvents).where(and(eq(taskEvents.taskId, event.taskId), eq(taskEvents.kind, 'progress'), eq(taskEvents.week, event.week),
      event.actorId === null ? isNull(taskEvents.actorId) : eq(taskEvents.actorId, event.actorId))).run();
    this.addEvent(event);
  }

  progressEvents(taskIds: readonly number[]): TaskEvent[] {
    if (taskIds.length === 0) return [];
    return this.db.orm.select().from(taskEvents).where(and(inArray(taskEvents.taskId, [...taskIds]), eq(taskEvents.kind, 'progress')))
      .orderBy(asc(taskEvents.id)).all().map(toEvent);
  }
}
