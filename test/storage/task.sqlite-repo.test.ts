import { afterEach, describe, expect, it } from 'vitest';
import type { FollowUpTask } from '../../src/core/follow-up/task.js';
import { setup, type Fixture } from './helpers.js';

let f: Fixture;
afterEach(() => f?.db.close());

const newTask = (teamId: number, customerId: number, patch: Partial<FollowUpTask> = {}): Omit<FollowUpTask, 'id'> => ({
  teamId, customerId, tag: 'overdue', role: 'finance', assigneeId: null, ownerRole: 'director', grade: 'A', state: 'open',
  createdWeek: '2026-W40', dueDate: '2026-10-09', snoozedUntil: null, closedAt: null, closeNote: null,
  indexAtClose: null, indexAfter2w: null, indexAfter4w: null, escalated: false, ...patch,
});

describe('SqliteTaskRepo', () => {
  it('inserts, finds the active task, updates and lists by state', () => {
    f = setup();
    const c = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
    const t = f.repos.tasks.insertTask(newTask(f.teamId, c.id));
    expect(f.repos.tasks.getTask(t.id)).toEqual(t);
    expect(f.repos.tasks.activeTask(c.id, 'overdue')?.id).toBe(t.id);
    expect(f.repos.tasks.activeTask(c.id, 'silent')).toBeNull();
    const done: FollowUpTask = { ...t, state: 'done', closedAt: '2026-10-08T00:00:00Z', closeNote: 'paid', indexAtClose: 42.5, escalated: true, assigneeId: f.repId };
    f.repos.tasks.updateTask(done);
    expect(f.repos.tasks.getTask(t.id)).toEqual(done);
    expect(f.repos.tasks.activeTask(c.id, 'overdue')).toBeNull();
    const t2 = f.repos.tasks.insertTask(newTask(f.teamId, c.id, { createdWeek: '2026-W42' }));
    expect(f.repos.tasks.listTasks(f.teamId).map((x) => x.id)).toEqual([t.id, t2.id]);
    expect(f.repos.tasks.listTasks(f.teamId, { states: ['open'] }).map((x) => x.id)).toEqual([t2.id]);
    expect(f.repos.tasks.listTasks(f.teamId, { states: [] })).toEqual([]);
    expect(f.repos.tasks.listTasks(f.teamId, { customerId: c.id + 1 })).toEqual([]);
  });

  it('allows one active task per (customer, tag)', () => {
    f = setup();
    const c = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
    f.repos.tasks.insertTask(newTask(f.teamId, c.id, { state: 'snoozed', snoozedUntil: '2026-10-20' }));
    expect(() => f.repos.tasks.insertTask(newTask(f.teamId, c.id))).toThrow(/UNIQUE/);
    expect(f.repos.tasks.insertTask(newTask(f.teamId, c.id, { tag: 'silent' })).tag).toBe('silent');
  });

  it('keeps an event history in order', () => {
    f = setup();
    const c = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
    const t = f.repos.tasks.insertTask(newTask(f.teamId, c.id));
    f.repos.tasks.addEvent({ taskId: t.id, kind: 'created', actorId: null, at: '2026-10-05T04:00:00Z', note: null });
    f.repos.tasks.addEvent({ taskId: t.id, kind: 'claimed', actorId: f.repId, at: '2026-10-05T05:00:00Z', note: '我来跟进' });
    expect(f.repos.tasks.events(t.id).map((e) => [e.kind, e.actorId, e.note])).toEqual([
      ['created', null, null], ['claimed', f.repId, '我来跟进'],
    ]);
  });
});
