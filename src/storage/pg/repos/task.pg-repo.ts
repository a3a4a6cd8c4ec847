// Follow-up tasks and their event history on PostgreSQL (the async TaskRepo port). Rows and codecs are
// SQLite's (task.sqlite-repo.ts); one active task per (customer, tag) is the same partial unique index.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { ACTIVE_STATES, type FollowUpTask, type TaskEvent } from '../../../core/follow-up/task.js';
import type { AsyncTaskRepo } from '../../../app/ports/async.port.js';
import type { PgDb } from '../db.js';
import { taskEvents, tasks } from '../schema.js';
import { toEvent, toEventRow, toTask, toTaskRow } from '../../repos/task.sqlite-repo.js';
import { isUniqueViolation, StorageError, taskAlreadyActive } from '../../errors.js';

export class PgTaskRepo implements AsyncTaskRepo {
  constructor(private readonly db: PgDb) {}

  async getTask(taskId: number): Promise<FollowUpTask | null> {
    const [row] = await this.db.orm.select().from(tasks).where(eq(tasks.id, taskId));
    return row ? toTask(row) : null;
  }

  async activeTask(customerId: number, tag: string): Promise<FollowUpTask | null> {
    const [row] = await this.db.orm.select().from(tasks)
      .where(and(eq(tasks.customerId, customerId), eq(tasks.tag, tag), inArray(tasks.state, [...ACTIVE_STATES])));
    return row ? toTask(row) : null;
  }

  async listTasks(teamId: number, filter: { states?: readonly string[]; customerId?: number } = {}): Promise<FollowUpTask[]> {
    if (filter.states && filter.states.length === 0) return [];
    const rows = await this.db.orm.select().from(tasks).where(and(
      eq(tasks.teamId, teamId),
      filter.customerId === undefined ? undefined : eq(tasks.customerId, filter.customerId),
      filter.states ? inArray(tasks.state, [...filter.states]) : undefined,
    )).orderBy(asc(tasks.id));
    return rows.map(toTask);
  }

  /** Throws when the customer already has an active task with this tag (one per (customer, tag)). */
  async insertTask(task: Omit<FollowUpTask, 'id'>): Promise<FollowUpTask> {
    let row;
    try {
      [row] = await this.db.orm.insert(tasks).values(toTaskRow(task)).returning();
    } catch (err) {
      throw isUniqueViolation(err) ? taskAlreadyActive(task.customerId, task.tag, err) : err;
    }
    if (!row) throw new StorageError('task_not_created', `task ${task.tag} of customer #${task.customerId} could not be created`);
    return toTask(row);
  }

  async updateTask(task: FollowUpTask): Promise<void> {
    await this.db.orm.update(tasks).set(toTaskRow(task)).where(eq(tasks.id, task.id));
  }

  async addEvent(event: TaskEvent): Promise<void> {
    await this.db.orm.insert(taskEvents).values(toEventRow(event));
  }

  async events(taskId: number): Promise<TaskEvent[]> {
    return (await this.db.orm.select().from(taskEvents).where(eq(taskEvents.taskId, taskId)).orderBy(asc(taskEvents.id))).map(toEvent);
  }

  async recordProgress(event: TaskEvent & { kind: 'progress'; week: string }): Promise<void> {
    // One progress per (task, person, week): saving the form again replaces it, in one transaction.
    await this.db.transaction(async () => {
      await this.db.orm.delete(taskEvents).where(and(eq(taskEvents.taskId, event.taskId), eq(taskEvents.kind, 'progress'), eq(taskEvents.week, event.week),
        event.actorId === null ? isNull(taskEvents.actorId) : eq(taskEvents.actorId, event.actorId)));
      await this.addEvent(event);
    });
  }

  async progressEvents(taskIds: readonly number[]): Promise<TaskEvent[]> {
    if (taskIds.length === 0) return [];
    return (await this.db.orm.select().from(taskEvents).where(and(inArray(taskEvents.taskId, [...taskIds]), eq(taskEvents.kind, 'progress')))
      .orderBy(asc(taskEvents.id))).map(toEvent);
  }
}
