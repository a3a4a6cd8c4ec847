import { describe, expect, it } from 'vitest';
import { ALLOWED_FROM, applyTaskCommand, TaskStateError, wakeSnoozed } from '../../../src/core/follow-up/task-state.js';
import type { TaskCommand } from '../../../src/core/follow-up/task-state.js';
import { TASK_STATES } from '../../../src/core/follow-up/task.js';
import type { TaskState } from '../../../src/core/follow-up/task.js';
import { task } from './fixtures.js';
import { expectNotOk, expectOk } from '../../support/expect-kind.js';

const ctx = { now: '2026-11-27T09:00:00.000Z', today: '2026-11-27', index: 64 };

const COMMANDS: TaskCommand[] = [
  { type: 'claim', actorId: 5 },
  { type: 'resolve', actorId: 5, note: 'called, paid half' },
  { type: 'dismiss', actorId: 3, reason: 'paid already, data lag' },
  { type: 'snooze', actorId: 3, until: '2026-12-04', reason: 'answer at month end' },
  { type: 'reopen', actorId: 3, note: 'again' },
  { type: 'reassign', actorId: 3, assigneeId: 6 },
];

const EXPECTED_STATE: Record<TaskCommand['type'], TaskState | 'same'> = {
  claim: 'claimed', resolve: 'done', dismiss: 'dismissed', snooze: 'snoozed', reopen: 'open', reassign: 'same',
};

describe('task state machine', () => {
  // Every (state, command) pair: allowed ones move to the expected state with the right event; others refuse.
  for (const from of TASK_STATES) {
    for (const cmd of COMMANDS) {
      const allowed = ALLOWED_FROM[cmd.type].includes(from);
      it(`${from} + ${cmd.type} → ${allowed ? 'ok' : 'refused'}`, () => {
        const t = task(1, 101, 'overdue', { state: from, snoozedUntil: from === 'snoozed' ? '2026-12-01' : null });
        const r = applyTaskCommand(t, cmd, ctx);
        if (!allowed) {
          const { error } = expectNotOk(r);
          expect(error).toBeInstanceOf(TaskStateError);
          expect(error.code).toBe(from === 'claimed' && cmd.type === 'claim' ? 'already_claimed' : 'invalid_transition');
          expect(error.userMessage.zh).toMatch(/[\u4e00-\u9fff]/);
          expect(error.userMessage.en).toMatch(/[a-z]/);
          expect(error.from).toBe(from);
          return;
        }
        const ok = expectOk(r);
        const expected = EXPECTED_STATE[cmd.type];
        expect(ok.task.state).toBe(expected === 'same' ? from : expected);
        expect(ok.event.taskId).toBe(1);
        expect(ok.event.at).toBe(ctx.now);
        expect(ok.event.actorId).toBe(cmd.actorId);
        expect(ok.event.kind).toBe(({ claim: 'claimed', resolve: 'done', dismiss: 'dismissed', snooze: 'snoozed', reopen: 'reopened', reassign: 'reassigned' } as const)[cmd.type]);
        // The input is never mutated.
        expect(t.state).toBe(from);
      });
    }
  }

  it('claim assigns the claimer and clears a snooze', () => {
    const r = applyTaskCommand(task(1, 101, 'silent', { state: 'snoozed', snoozedUntil: '2026-12-01' }), { type: 'claim', actorId: 3 }, ctx);
    expect(r.ok && r.task).toMatchObject({ state: 'claimed', assigneeId: 3, snoozedUntil: null });
  });

  it('resolve and dismiss record closedAt, note and index at close', () => {
    const done = applyTaskCommand(task(1, 101, 'overdue', { state: 'claimed' }), { type: 'resolve', actorId: 5, note: '  paid  ' }, ctx);
    expect(done.ok && done.task).toMatchObject({ state: 'done', closedAt: ctx.now, closeNote: 'paid', indexAtClose: 64 });
    expect(done.ok && done.event.note).toBe('paid');
    const dismissed = applyTaskCommand(task(1, 101, 'overdue'), { type: 'dismiss', actorId: 3, reason: 'duplicate' }, ctx);
    expect(dismissed.ok && dismissed.task).toMatchObject({ state: 'dismissed', closeNote: 'duplicate', indexAtClose: 64 });
  });

  it('dismiss needs a reason', () => {
    const r = applyTaskCommand(task(1, 101, 'overdue'), { type: 'dismiss', actorId: 3, reason: '   ' }, ctx);
    const { error } = expectNotOk(r);
    expect(error.code).toBe('reason_required');
    expect(error.userMessage).toEqual({ zh: '请填写忽略原因', en: 'Please give a reason for dismissing' });
  });

  it('snooze needs a valid date after today', () => {
    const t = task(1, 101, 'overdue');
    const bad = applyTaskCommand(t, { type: 'snooze', actorId: 3, until: '2026-02-30' }, ctx);
    expect(!bad.ok && bad.error.code).toBe('invalid_date');
    const past = applyTaskCommand(t, { type: 'snooze', actorId: 3, until: '2026-11-27' }, ctx);
    expect(!past.ok && past.error.code).toBe('date_not_future');
    const ok = applyTaskCommand(t, { type: 'snooze', actorId: 3, until: '2026-12-04', reason: 'month end' }, ctx);
    expect(ok.ok && ok.task).toMatchObject({ state: 'snoozed', snoozedUntil: '2026-12-04' });
    expect(ok.ok && ok.event.note).toBe('until 2026-12-04: month end');
  });

  it('reopen clears the close and the outcome log', () => {
    const closed = task(1, 101, 'overdue', { state: 'done', closedAt: 'x', closeNote: 'n', indexAtClose: 50, indexAfter2w: 40 });
    const r = applyTaskCommand(closed, { type: 'reopen', actorId: 3 }, ctx);
    expect(r.ok && r.task).toMatchObject({ state: 'open', closedAt: null, closeNote: null, indexAtClose: null, indexAfter2w: null });
  });

  it('wakeSnoozed reopens snoozed tasks whose date has come', () => {
    const tasks = [
      task(1, 101, 'overdue', { state: 'snoozed', snoozedUntil: '2026-11-27' }),
      task(2, 101, 'silent', { state: 'snoozed', snoozedUntil: '2026-11-28' }),
      task(3, 102, 'silent', { state: 'snoozed', snoozedUntil: '2026-11-01' }),
      task(4, 102, 'overdue', { state: 'open' }),
    ];
    const woken = wakeSnoozed(tasks, '2026-11-27', ctx.now);
    expect(woken.map((w) => w.task.id)).toEqual([1, 3]);
    expect(woken[0]!.task).toMatchObject({ state: 'open', snoozedUntil: null });
    expect(woken[0]!.event).toMatchObject({ taskId: 1, kind: 'reopened', actorId: null, at: ctx.now });
  });
});
