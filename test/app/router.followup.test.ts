// The managers' side through the router: digest, follow-up tasks and their actions, questions, schedule.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/ui/action.js';
import { runDigestStep } from '../../src/app/digest/digest.job.js';
import { runNudgeStep } from '../../src/app/follow-up/nudge.job.js';
import { outboxKeys } from '../../src/app/radar-app.js';
import type { FollowUpTask } from '../../src/core/follow-up/task.js';
import { createHarness, type Harness } from './support/app-harness.js';
import { kindOf, rejected, replied, updated } from '../support/answer.js';

const WEEK = '2026-W47';
const DIGEST_MSG = { platform: 'slack' as const, channel: 'CMGR', messageId: 'ts-digest' };
let h: Harness;
let overdueTask: FollowUpTask;

beforeEach(async () => {
  h = createHarness();
  await runDigestStep(h.app, h.teamId, WEEK);
  overdueTask = h.app.ctx.repos.tasks.listTasks(h.teamId).find((t) => t.customerId === h.customers.huaxing && t.tag === 'overdue')!;
});

const click = (member: Harness['members'][keyof Harness['members']], kind: Parameters<typeof encodeAction>[0]['kind'], args: Record<string, string>, message: typeof DIGEST_MSG | null = DIGEST_MSG) =>
  h.send({ type: 'action', actor: h.actor(member), action: { kind, args }, message });

describe('digest and follow-ups', () => {
  it('queues the digest to the manager channel once and the task to finance', async () => {
    const outbox = h.app.ctx.repos.outbox;
    const digest = outbox.byKey(outboxKeys.digest(h.teamId, WEEK, 'slack'));
    expect(digest?.destination).toEqual({ kind: 'channel', channelId: 'CMGR' });
    expect(JSON.stringify(digest?.card)).toContain('华星科技');
    expect(overdueTask).toMatchObject({ role: 'finance', grade: 'A', ownerRole: 'director', state: 'open' });
    const taskDm = outbox.byKey(outboxKeys.task(overdueTask.id, h.members.finance.id, 'slack'));
    expect(taskDm?.destination).toEqual({ kind: 'user', userId: 'U-finance' });
    const before = outbox.due('9999-01-01T00:00:00Z', 1000).length;
    await runDigestStep(h.app, h.teamId, WEEK);
    expect(outbox.due('9999-01-01T00:00:00Z', 1000).length).toBe(before);
  });

  it("tells the owning rep about an overdue task and lets them act on it (collaborator)", async () => {
    expect(h.app.ctx.repos.outbox.byKey(outboxKeys.task(overdueTask.id, h.members.rep1.id, 'slack'))).not.toBeNull();
    const result = await click(h.members.rep1, 'task.claim', { taskId: String(overdueTask.id) }, null);
    expect(kindOf(result)).toBe('update');
  });

  it('tells the directors once when a task escalates', async () => {
    h.app.ctx.repos.tasks.updateTask({ ...overdueTask, escalated: true, ownerRole: 'director' });
    await runDigestStep(h.app, h.teamId, WEEK);
    await runDigestStep(h.app, h.teamId, WEEK);
    const notices = h.app.ctx.repos.outbox.due('9999-01-01T00:00:00Z', 1000).filter((m) => m.key.startsWith('escalated:'));
    expect(notices.map((m) => m.destination)).toEqual([{ kind: 'user', userId: 'U-director' }]);
  });

  it('lets a manager claim from the digest, which is redrawn in place', async () => {
    const result = await click(h.members.manager, 'task.claim', { taskId: String(overdueTask.id) });
    expect(kindOf(result)).toBe('update');
    expect(updated(result).title).toContain(WEEK);
    expect(h.app.ctx.repos.tasks.getTask(overdueTask.id)).toMatchObject({ state: 'claimed', assigneeId: h.members.manager.id });
    expect(h.app.ctx.repos.tasks.events(overdueTask.id).map((e) => e.kind)).toEqual(['created', 'claimed']);
  });

  it('refuses a task action to someone it is not routed to', async () => {
    const result = await click(h.members.service, 'task.claim', { taskId: String(overdueTask.id) });
    expect(result).toEqual({ toast: { text: expect.any(String), tone: 'warning' } });
    expect(h.app.ctx.repos.tasks.getTask(overdueTask.id)?.state).toBe('open');
  });

  it('resolves through the form: a note is required, then the task closes with the index recorded', async () => {
    const open = await click(h.members.finance, 'task.resolve', { taskId: String(overdueTask.id) }, null);
    expect(kindOf(open)).toBe('openForm');
    const formId = encodeAction({ kind: 'task.resolved', args: { taskId: String(overdueTask.id) } });
    const empty = await h.send({ type: 'formSubmitted', actor: h.actor(h.members.finance), formId, values: { outcome: 'done', note: ' ' }, message: null });
    expect(kindOf(empty)).toBe('fieldErrors');
    const done = await h.send({ type: 'formSubmitted', actor: h.actor(h.members.finance), formId, values: { outcome: 'done', note: 'Payment plan agreed' }, message: null });
    expect(kindOf(done)).toBe('formDone');
    const task = h.app.ctx.repos.tasks.getTask(overdueTask.id)!;
    expect(task).toMatchObject({ state: 'done', closeNote: 'Payment plan agreed' });
    expect(task.indexAtClose).toBeGreaterThan(50);
  });

  it('snoozes only to a future date', async () => {
    const formId = encodeAction({ kind: 'task.snoozed', args: { taskId: String(overdueTask.id) } });
    const past = await h.send({ type: 'formSubmitted', actor: h.actor(h.members.manager), formId, values: { until: '2026-11-01', reason: 'x' }, message: null });
    expect(kindOf(past)).toBe('fieldErrors');
    expect(Object.keys(rejected(past).errors ?? {})).toEqual(['until']);
    const ok = await h.send({ type: 'formSubmitted', actor: h.actor(h.members.manager), formId, values: { until: '2026-12-10', reason: 'waiting for budget' }, message: DIGEST_MSG });
    expect(kindOf(ok)).toBe('formDone');
    expect(h.app.ctx.repos.tasks.getTask(overdueTask.id)).toMatchObject({ state: 'snoozed', snoozedUntil: '2026-12-10' });
  });

  it('shows details only to people who may see the customer', async () => {
    const ok = await click(h.members.owner, 'customer.details', { customerId: String(h.customers.huaxing) });
    expect(kindOf(ok)).toBe('reply');
    const no = await click(h.members.rep2, 'customer.details', { customerId: String(h.customers.huaxing) });
    expect(no).toEqual({ toast: { text: expect.any(String), tone: 'warning' } });
  });

  it('lets managers remind a rep, not reps', async () => {
    const byRep = await click(h.members.rep2, 'rep.remind', { memberId: String(h.members.rep1.id), week: '2026-W48' });
    expect(byRep).toEqual({ toast: { text: expect.any(String), tone: 'warning' } });
    const byManager = await click(h.members.manager, 'rep.remind', { memberId: String(h.members.rep1.id), week: '2026-W48' });
    expect(byManager).toEqual({ toast: { text: expect.any(String), tone: 'success' } });
    const reminders = h.app.ctx.repos.outbox.due('9999-01-01T00:00:00Z', 1000).filter((m) => m.key.startsWith('remind:2026-W48:'));
    expect(reminders).toHaveLength(1);
  });

  it('nudges overdue tasks once a day', async () => {
    h.setNow(new Date('2026-12-03T02:00:00Z'));
    const first = runNudgeStep(h.app, h.teamId);
    const again = runNudgeStep(h.app, h.teamId);
    expect(first.nudged).toBeGreaterThan(0);
    expect(again.nudged).toBe(0);
  });
});

describe('the digest step', () => {
  it("opens the week's follow-ups even when next week's entries have started", async () => {
    const fresh = createHarness();
    const rep = fresh.members.rep2;
    fresh.app.ctx.repos.reports.upsertEntry({
      teamId: fresh.teamId, week: '2026-W48', repId: rep.id, customerId: fresh.customers.greatwall, source: 'chat',
      values: { ...fresh.app.ctx.repos.reports.entriesForWeek(fresh.teamId, WEEK)[0]!.values },
    }, '2026-11-30T05:00:00Z');
    await runDigestStep(fresh.app, fresh.teamId, WEEK);
    expect(fresh.app.ctx.repos.tasks.listTasks(fresh.teamId).some((t) => t.customerId === fresh.customers.huaxing && t.tag === 'overdue')).toBe(true);
  });
});

describe('questions and commands', () => {
  it('answers the owner about a customer, in the language asked', async () => {
    const result = await h.send({ type: 'message', actor: h.actor(h.members.owner), text: '华星科技怎么样？', channelId: 'D1', isDirect: true });
    expect(kindOf(result)).toBe('reply');
    expect(replied(result).title).toContain('华星科技');
  });

  it('politely refuses roles that may not ask, and strangers', async () => {
    const finance = await h.send({ type: 'command', actor: h.actor(h.members.finance), text: 'top 5 risks', channelId: null });
    expect(kindOf(finance)).toBe('reply');
    expect(replied(finance).tone).toBe('grey');
    const stranger = await h.send({ type: 'command', actor: { platform: 'slack', userId: 'U-NOBODY' }, text: 'top 5 risks', channelId: null });
    expect(stranger).toEqual({ toast: { text: expect.any(String), tone: 'warning' } });
    expect(JSON.stringify(stranger)).not.toContain('华星科技');
  });

  it('shows the schedule to anyone and lets only managers change it', async () => {
    const show = await h.send({ type: 'command', actor: h.actor(h.members.rep1), text: 'schedule', channelId: null });
    expect(kindOf(show)).toBe('reply');
    const denied = await h.send({ type: 'command', actor: h.actor(h.members.rep1), text: 'schedule prompt thu 17:00', channelId: null });
    expect(denied).toEqual({ toast: { text: expect.any(String), tone: 'warning' } });
    const changed = await h.send({ type: 'command', actor: h.actor(h.members.manager), text: 'schedule prompt thu 17:00', channelId: null });
    expect(kindOf(changed)).toBe('reply');
    expect(h.app.ctx.repos.teams.getSetting(h.teamId, 'schedule')).toMatchObject({ prompt: { day: 'thu', time: '17:00' } });
    const bad = await h.send({ type: 'command', actor: h.actor(h.members.manager), text: 'schedule reminders mon 13:00', channelId: null });
    expect(bad).toEqual({ toast: { text: expect.any(String), tone: 'warning' } });
  });

  it('never throws: an unknown form id gets a polite message', async () => {
    const result = await h.send({ type: 'formSubmitted', actor: h.actor(h.members.rep1), formId: 'garbage', values: {}, message: null });
    expect(kindOf(result)).toBe('toast');
  });
});
