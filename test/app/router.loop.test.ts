// Issue 11.1 loop defects through the app: A-grade follow-ups reach the director in person, and a dismissal
// holds instead of coming back as a new task.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/ui/action.js';
import { runDigestStep } from '../../src/app/digest/digest.job.js';
import { syncFollowUps } from '../../src/app/follow-up/follow-up.service.js';
import { outboxKeys } from '../../src/app/radar-app.js';
import type { FollowUpTask } from '../../src/core/follow-up/task.js';
import { createHarness, type Harness } from './support/app-harness.js';
import { cardText } from './views/helpers.js';
import { kindOf, replied } from '../support/answer.js';

const WEEK = '2026-W47';
let h: Harness;
let overdueTask: FollowUpTask;

beforeEach(async () => {
  h = createHarness();
  await runDigestStep(h.app, h.teamId, WEEK);
  overdueTask = h.app.ctx.repos.tasks.listTasks(h.teamId).find((t) => t.customerId === h.customers.huaxing && t.tag === 'overdue')!;
});

describe('A → the director follows up, in person', () => {
  it('DMs the A-grade task to the director and lists it in their home', async () => {
    expect(overdueTask).toMatchObject({ grade: 'A', ownerRole: 'director' });
    const dm = h.app.ctx.repos.outbox.byKey(outboxKeys.task(overdueTask.id, h.members.director.id, 'slack'));
    expect(dm?.destination).toEqual({ kind: 'user', userId: 'U-director' });
    const home = await h.send({ type: 'homeOpened', actor: h.actor(h.members.director) });
    expect(kindOf(home)).toBe('reply');
    expect(cardText(replied(home))).toMatch(/Follow-ups I own \(\d+\)\n[^\n]*华星科技 · Overdue payment/);
    // The manager does not own it.
    const managerHome = await h.send({ type: 'homeOpened', actor: h.actor(h.members.manager) });
    expect(cardText(replied(managerHome))).not.toContain('Follow-ups I own');
  });
});

describe('a dismissal holds', () => {
  it('does not come back two weeks later for the same problem, and reopens (saying why) when it worsens', async () => {
    const dismiss = await h.send({
      type: 'formSubmitted', actor: h.actor(h.members.finance), message: null,
      formId: encodeAction({ kind: 'task.resolved', args: { taskId: String(overdueTask.id) } }),
      values: { outcome: 'dismissed', note: '客户春节停工，正常' },
    });
    expect(kindOf(dismiss)).toBe('formDone');
    const { repos } = h.app.ctx;
    const atClose = repos.tasks.getTask(overdueTask.id)!.indexAtClose!;
    const flagged = repos.scores.scoresForWeek(h.teamId, WEEK);
    // The same flag again (two weeks later): no new task, the dismissed one stays dismissed.
    syncFollowUps(h.app.ctx, h.teamId, '2026-W49', flagged);
    const active = repos.tasks.listTasks(h.teamId, { states: ['open', 'claimed', 'snoozed'] }).filter((t) => t.customerId === h.customers.huaxing && t.tag === 'overdue');
    expect(active).toEqual([]);
    // Materially worse: the index rose by the margin.
    const worse = flagged.map((s) => (s.customerId === h.customers.huaxing ? { ...s, index: atClose + 12 } : s));
    const sync = syncFollowUps(h.app.ctx, h.teamId, '2026-W50', worse);
    expect(sync.reopened.map((t) => t.id)).toEqual([overdueTask.id]);
    expect(repos.tasks.getTask(overdueTask.id)).toMatchObject({ state: 'open', createdWeek: '2026-W50' });
    expect(repos.tasks.events(overdueTask.id).at(-1)).toMatchObject({ kind: 'reopened', note: expect.stringContaining('since dismissed on') });
  });
});

describe('a reopened task is news again', () => {
  it('DMs its holder again with why it is back and its history; clicks refresh that DM', async () => {
    await h.send({
      type: 'formSubmitted', actor: h.actor(h.members.finance), message: null,
      formId: encodeAction({ kind: 'task.resolved', args: { taskId: String(overdueTask.id) } }),
      values: { outcome: 'dismissed', note: '客户春节停工，正常' },
    });
    const { repos } = h.app.ctx;
    // Dismissed when the customer stood 15 points lower: at this week's index the problem has materially worsened.
    const dismissed = repos.tasks.getTask(overdueTask.id)!;
    repos.tasks.updateTask({ ...dismissed, indexAtClose: dismissed.indexAtClose! - 15 });
    const step = await runDigestStep(h.app, h.teamId, WEEK);
    expect(repos.tasks.getTask(overdueTask.id)).toMatchObject({ state: 'open', createdWeek: WEEK });
    const key = outboxKeys.taskReopened(overdueTask.id, WEEK, h.members.finance.id, 'slack');
    const dm = repos.outbox.byKey(key);
    expect(dm?.destination).toEqual({ kind: 'user', userId: 'U-finance' });
    expect(step.taskMessagesQueued).toBeGreaterThan(0);
    const lines = cardText(dm!.card!).split('\n');
    expect(lines).toContainEqual(expect.stringMatching(/^\d\d-\d\d \d\d:\d\d · reopened · index \d+(\.\d)? → \d+(\.\d)? \(\+15\) since dismissed on \d{4}-\d\d-\d\d \("客户春节停工，正常"\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/· dismissed · Finance Wang · 客户春节停工，正常$/));
    expect(lines).toContainEqual(expect.stringMatching(/· created$/));
    // Running the step again sends nothing new.
    expect((await runDigestStep(h.app, h.teamId, WEEK)).taskMessagesQueued).toBe(0);
    // A claim refreshes the reopened DM too.
    expect(repos.outbox.newestUpdateId(key)).toBeNull();
    await h.send({ type: 'action', actor: h.actor(h.members.finance), message: null, action: { kind: 'task.claim', args: { taskId: String(overdueTask.id) } } });
    expect(repos.outbox.newestUpdateId(key)).not.toBeNull();
  });
});
