import { describe, expect, it } from 'vitest';
import { planFollowUps } from '../../../src/core/follow-up/plan-tasks.js';
import type { PlanInput } from '../../../src/core/follow-up/plan-tasks.js';
import { parseRoutingConfig } from '../../../src/core/follow-up/routing.js';
import { CUSTOMERS, MEMBERS, score, task } from './fixtures.js';

const base = (over: Partial<PlanInput>): PlanInput => ({
  teamId: 1, week: '2026-W48', today: '2026-11-27', now: '2026-11-27T09:00:00.000Z',
  scores: [], customers: CUSTOMERS, members: MEMBERS, activeTasks: [], ...over,
});

describe('planFollowUps: create', () => {
  it('creates one task per (customer, tag), routed and graded', () => {
    const plan = planFollowUps(base({
      scores: [score(101, 88, 'A', ['overdue', 'silent']), score(103, 61, 'B', ['complaints']), score(104, 20, null, [])],
    }));
    expect(plan.create.map((t) => [t.customerId, t.tag, t.role, t.assigneeId, t.ownerRole, t.grade, t.dueDate])).toEqual([
      [101, 'overdue', 'finance', 5, 'director', 'A', '2026-11-29'],
      [101, 'silent', 'manager', 3, 'director', 'A', '2026-11-29'],
      // two customer_service members → nobody in particular
      [103, 'complaints', 'customer_service', null, 'manager', 'B', '2026-12-02'],
    ]);
    for (const t of plan.create) {
      expect(t).toMatchObject({ teamId: 1, state: 'open', createdWeek: '2026-W48', escalated: false, closedAt: null, snoozedUntil: null });
    }
    expect(plan.escalate).toEqual([]);
    expect(plan.recovered).toEqual([]);
  });

  it('never duplicates an active task, and ignores duplicate scores', () => {
    const plan = planFollowUps(base({
      scores: [score(101, 88, 'A', ['overdue', 'silent']), score(101, 88, 'A', ['overdue', 'silent'])],
      activeTasks: [task(1, 101, 'overdue', { state: 'claimed' })],
    }));
    expect(plan.create.map((t) => `${t.customerId}:${t.tag}`)).toEqual(['101:silent']);
  });

  it('a closed task does not block a new one for the same (customer, tag)', () => {
    const plan = planFollowUps(base({
      scores: [score(101, 70, 'B', ['overdue'])],
      activeTasks: [task(1, 101, 'overdue', { state: 'done' })],
    }));
    expect(plan.create).toHaveLength(1);
    expect(plan.recovered).toHaveLength(0);
  });

  it('role rep → the owning rep; configurable routes and due days', () => {
    const config = parseRoutingConfig({ routes: { overdue: ['rep', 'finance'] }, dueDays: { B: 10 } });
    const plan = planFollowUps(base({ scores: [score(103, 60, 'B', ['overdue'])], config }));
    expect(plan.create[0]).toMatchObject({ role: 'rep', assigneeId: 2, dueDate: '2026-12-07' });
  });
});

describe('planFollowUps: escalate and recover', () => {
  it('escalates once, after N weeks still red with an active task', () => {
    const scores = [score(101, 80, 'A', ['overdue'], { weeksInRed: 3 })];
    const young = planFollowUps(base({ scores, activeTasks: [task(1, 101, 'overdue', { createdWeek: '2026-W47' })] }));
    expect(young.escalate).toEqual([]);
    const old = planFollowUps(base({ scores, activeTasks: [task(1, 101, 'overdue', { createdWeek: '2026-W46', state: 'claimed' })] }));
    expect(old.escalate).toHaveLength(1);
    expect(old.escalate[0]!.task).toMatchObject({ id: 1, escalated: true, ownerRole: 'director', grade: 'A', state: 'claimed' });
    expect(old.escalate[0]!.event).toMatchObject({ taskId: 1, kind: 'escalated', actorId: null, at: '2026-11-27T09:00:00.000Z' });
    const again = planFollowUps(base({ scores, activeTasks: [task(1, 101, 'overdue', { createdWeek: '2026-W44', escalated: true })] }));
    expect(again.escalate).toEqual([]);
  });

  it('does not escalate a snoozed task; respects escalateAfterWeeks', () => {
    const scores = [score(101, 80, 'A', ['overdue'])];
    const snoozed = planFollowUps(base({ scores, activeTasks: [task(1, 101, 'overdue', { createdWeek: '2026-W40', state: 'snoozed', snoozedUntil: '2026-12-05' })] }));
    expect(snoozed.escalate).toEqual([]);
    const config = parseRoutingConfig({ escalateAfterWeeks: 4 });
    const three = planFollowUps(base({ scores, config, activeTasks: [task(1, 101, 'overdue', { createdWeek: '2026-W45' })] }));
    expect(three.escalate).toEqual([]);
    const four = planFollowUps(base({ scores, config, activeTasks: [task(1, 101, 'overdue', { createdWeek: '2026-W44' })] }));
    expect(four.escalate).toHaveLength(1);
  });

  it('closes active tasks whose customer is no longer flagged for the tag as recovered', () => {
    const plan = planFollowUps(base({
      scores: [score(101, 55, 'B', ['silent']), score(103, 12, null, [])],
      activeTasks: [
        task(1, 101, 'overdue', { state: 'claimed', assigneeId: 5 }),
        task(2, 101, 'silent'),
        task(3, 103, 'complaints', { state: 'snoozed', snoozedUntil: '2026-12-10' }),
        task(4, 104, 'declining'), // no score this week: say nothing
      ],
    }));
    expect(plan.recovered.map((r) => r.task.id)).toEqual([1, 3]);
    expect(plan.recovered[0]!.task).toMatchObject({ state: 'done', closeNote: 'recovered', indexAtClose: 55, closedAt: '2026-11-27T09:00:00.000Z', assigneeId: 5 });
    expect(plan.recovered[1]!.task).toMatchObject({ state: 'done', snoozedUntil: null, indexAtClose: 12 });
    expect(plan.recovered[0]!.event).toMatchObject({ taskId: 1, kind: 'recovered' });
    expect(plan.create).toEqual([]);
  });

  it('a customer without data this week neither recovers nor escalates', () => {
    const plan = planFollowUps(base({
      scores: [score(101, 0, null, [], { hasData: false })],
      activeTasks: [task(1, 101, 'overdue', { createdWeek: '2026-W40' })],
    }));
    expect(plan.recovered).toEqual([]);
    expect(plan.escalate).toEqual([]);
  });
});

describe('planFollowUps: outcome log', () => {
  const closed = (id: number, closedAt: string, extra = {}) =>
    task(id, 101, 'overdue', { state: 'done', closedAt, indexAtClose: 70, ...extra });

  it('records the index 2 and 4 weeks after a task closed', () => {
    const plan = planFollowUps(base({
      scores: [score(101, 33, null, [])],
      closedTasks: [
        closed(1, '2026-11-20T10:00:00Z'), // 1 week ago: nothing yet
        closed(2, '2026-11-10T10:00:00Z'), // 2 weeks ago
        closed(3, '2026-10-27T10:00:00Z', { indexAfter2w: 40 }), // 4 weeks ago
        closed(4, '2026-10-27T10:00:00Z', { indexAfter2w: 40, indexAfter4w: 35 }), // complete
        closed(5, '2026-10-20T10:00:00Z'), // missed runs: both at once
        task(6, 101, 'overdue', { state: 'open' }),
      ],
    }));
    expect(plan.outcomes.map((o) => [o.taskId, o.fields, o.index])).toEqual([
      [2, ['indexAfter2w'], 33],
      [3, ['indexAfter4w'], 33],
      [5, ['indexAfter2w', 'indexAfter4w'], 33],
    ]);
    expect(plan.outcomes[1]!.task).toMatchObject({ indexAfter2w: 40, indexAfter4w: 33, indexAtClose: 70 });
  });

  it('waits when the customer has no score this week', () => {
    const plan = planFollowUps(base({ scores: [], closedTasks: [closed(2, '2026-11-10T10:00:00Z')] }));
    expect(plan.outcomes).toEqual([]);
  });
});

describe('planFollowUps: a dismissal holds (issue 11.1)', () => {
  const dismissed = (extra: Partial<Parameters<typeof task>[3]> = {}) =>
    task(7, 101, 'overdue', { state: 'dismissed', grade: 'B', closedAt: '2026-11-13T09:00:00.000Z', closeNote: '客户春节停工，正常', indexAtClose: 62, ...extra });

  it('does not raise the same problem again two weeks later', () => {
    const plan = planFollowUps(base({ scores: [score(101, 64, 'B', ['overdue'])], dismissedTasks: [dismissed()] }));
    expect(plan.create).toEqual([]);
    expect(plan.reopen).toEqual([]);
  });

  it('reopens the dismissed task, saying why, when the index rose by the margin', () => {
    const plan = planFollowUps(base({ scores: [score(101, 75, 'B', ['overdue'])], dismissedTasks: [dismissed()] }));
    expect(plan.create).toEqual([]);
    expect(plan.reopen).toHaveLength(1);
    expect(plan.reopen[0]!.task).toMatchObject({ id: 7, state: 'open', createdWeek: '2026-W48', closedAt: null, closeNote: null });
    expect(plan.reopen[0]!.event.note).toBe('reopened: index 62 → 75 (+13) since dismissed on 2026-11-13 ("客户春节停工，正常")');
    // A Chinese team reads why in Chinese.
    const zh = planFollowUps(base({ scores: [score(101, 75, 'B', ['overdue'])], dismissedTasks: [dismissed()], locale: 'zh' }));
    expect(zh.reopen[0]!.event.note).toBe('重新打开：2026-11-13 忽略后指数 62 → 75（+13）（“客户春节停工，正常”）');
  });

  it('reopens on a new hard trigger, and when its until-date has passed', () => {
    const hard = score(101, 70, 'A', ['overdue']);
    hard.dimensions.payment.facts.overdueDays = 95;
    const byTrigger = planFollowUps(base({ scores: [hard], dismissedTasks: [dismissed()], overdueDaysA: 90 }));
    expect(byTrigger.reopen[0]?.event.note).toMatch(/^reopened: now 95 days overdue \(≥90, grade A\)/);
    expect(byTrigger.reopen[0]?.task).toMatchObject({ grade: 'A', ownerRole: 'director' });
    const ended = planFollowUps(base({ scores: [score(101, 64, 'B', ['overdue'])], dismissedTasks: [dismissed({ dismissedUntil: '2026-11-20' })] }));
    expect(ended.reopen[0]?.event.note).toMatch(/ran until 2026-11-20/);
    // The default hold (8 weeks) ends too; a config can change margin and hold.
    const config = parseRoutingConfig({ dismissal: { holdWeeks: 1, reopenMargin: 30 } });
    expect(planFollowUps(base({ scores: [score(101, 80, 'B', ['overdue'])], dismissedTasks: [dismissed()], config })).reopen[0]?.event.note).toMatch(/ran until 2026-11-20/);
    expect(planFollowUps(base({ scores: [score(101, 80, 'B', ['overdue'])], dismissedTasks: [dismissed()] })).reopen).toHaveLength(1);
  });

  it('a dismissal for one problem does not hold back another', () => {
    const plan = planFollowUps(base({ scores: [score(101, 64, 'B', ['overdue', 'silent'])], dismissedTasks: [dismissed()] }));
    expect(plan.create.map((t) => t.tag)).toEqual(['silent']);
  });
});
