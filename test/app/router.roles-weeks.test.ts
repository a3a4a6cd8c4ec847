// Issue 8 item 11: role checks on `report.new` and on form cancel, and week ids that must be real weeks of
// the team's history. Each case was reproduced against the code before the fix.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/ui/action.js';
import { runDigestStep } from '../../src/app/digest/digest.job.js';
import type { FollowUpTask } from '../../src/core/follow-up/task.js';
import { createHarness, type Harness } from './support/app-harness.js';
import { kindOf, updated } from '../support/answer.js';

const DIGEST_WEEK = '2026-W47';
const DIGEST_MSG = { platform: 'slack' as const, channel: 'CMGR', messageId: 'ts-digest' };
let h: Harness;
let overdueTask: FollowUpTask;

beforeEach(async () => {
  h = createHarness();
  await runDigestStep(h.app, h.teamId, DIGEST_WEEK);
  overdueTask = h.app.ctx.repos.tasks.listTasks(h.teamId).find((t) => t.customerId === h.customers.huaxing && t.tag === 'overdue')!;
});

const scoreRows = (week: string) => h.app.ctx.repos.scores.scoresForWeek(h.teamId, week).length;

describe('role checks', () => {
  it('refuses a new customer and entry from a finance member', async () => {
    const before = h.app.ctx.repos.customers.listCustomers(h.teamId).length;
    const result = await h.send({
      type: 'formSubmitted', actor: h.actor(h.members.finance), message: null,
      formId: encodeAction({ kind: 'report.new', args: { week: '2026-W48' } }),
      values: { customerName: '新客户', contacts: '1', revenue: '0', stage: 'lead' },
    });
    expect(result).toEqual({ toast: { text: expect.any(String), tone: 'warning' } });
    expect(h.app.ctx.repos.customers.listCustomers(h.teamId)).toHaveLength(before);
    expect(h.app.ctx.repos.reports.entriesForWeek(h.teamId, '2026-W48')).toEqual([]);
  });

  it('still lets a rep add a customer', async () => {
    const result = await h.send({
      type: 'formSubmitted', actor: h.actor(h.members.rep1), message: null,
      formId: encodeAction({ kind: 'report.new', args: { week: '2026-W48' } }),
      values: { customerName: '新客户', contacts: '1', revenue: '0', stage: 'lead' },
    });
    expect(kindOf(result)).toBe('formDone');
  });

  it('does not draw the manager digest for a rep who names the manager chat when cancelling a task form', async () => {
    const cancel = (member: Harness['members']['rep1']) => h.send({
      type: 'formCancelled', actor: h.actor(member), message: DIGEST_MSG,
      formId: encodeAction({ kind: 'task.resolved', args: { taskId: String(overdueTask.id), week: DIGEST_WEEK } }),
    });
    const rep = await cancel(h.members.rep1);
    // The rep is a collaborator on the overdue task: they get the task card, never the digest.
    expect(kindOf(rep)).toBe('update');
    expect(updated(rep).title).not.toContain(DIGEST_WEEK);
    const rep2 = await cancel(h.members.rep2);
    expect(kindOf(rep2)).toBe('toast');
    const manager = await cancel(h.members.manager);
    // The manager gets the digest back.
    expect(updated(manager).title).toContain(DIGEST_WEEK);
  });

  it('does not draw the digest for a rep who claims a task naming the manager chat', async () => {
    const result = await h.send({ type: 'action', actor: h.actor(h.members.rep1), action: { kind: 'task.claim', args: { taskId: String(overdueTask.id) } }, message: DIGEST_MSG });
    expect(kindOf(result)).toBe('update');
    expect(updated(result).title).not.toContain(DIGEST_WEEK);
  });
});

describe('week ids in actions', () => {
  it('refuses a Details click for a week the team never had, scoring nothing', async () => {
    const result = await h.send({
      type: 'action', actor: h.actor(h.members.manager), message: DIGEST_MSG,
      action: { kind: 'customer.details', args: { customerId: String(h.customers.huaxing), week: '2099-W52' } },
    });
    expect(result).toEqual({ toast: { text: expect.any(String), tone: 'warning' } });
    expect(scoreRows('2099-W52')).toBe(0);
    expect(h.app.ctx.repos.scores.scoredWeeks(h.teamId).every((w) => w <= '2026-W48')).toBe(true);
  });

  it('refuses weeks before the team history and digest refreshes for future weeks', async () => {
    const details = await h.send({
      type: 'action', actor: h.actor(h.members.manager), message: DIGEST_MSG,
      action: { kind: 'customer.details', args: { customerId: String(h.customers.huaxing), week: '2001-W01' } },
    });
    expect(details).toEqual({ toast: { text: expect.any(String), tone: 'warning' } });
    const refresh = await h.send({ type: 'action', actor: h.actor(h.members.manager), message: DIGEST_MSG, action: { kind: 'digest.refresh', args: { week: '2030-W01' } } });
    expect(refresh).toEqual({ toast: { text: expect.any(String), tone: 'warning' } });
    expect(scoreRows('2001-W01') + scoreRows('2030-W01')).toBe(0);
  });

  it('stores no entry for a future week', async () => {
    const result = await h.send({
      type: 'formSubmitted', actor: h.actor(h.members.rep1), message: null,
      formId: encodeAction({ kind: 'report.save', args: { week: '2099-W52', customerId: String(h.customers.acme) } }),
      values: { contacts: '1', revenue: '0', stage: 'live' },
    });
    expect(result).toEqual({ toast: { text: expect.any(String), tone: 'warning' } });
    expect(h.app.ctx.repos.reports.entriesForWeek(h.teamId, '2099-W52')).toEqual([]);
  });

  it('accepts the weeks of the history and the open report week', async () => {
    const details = await h.send({
      type: 'action', actor: h.actor(h.members.manager), message: null,
      action: { kind: 'customer.details', args: { customerId: String(h.customers.huaxing), week: '2026-W45' } },
    });
    expect(kindOf(details)).toBe('reply');
    const open = await h.send({ type: 'action', actor: h.actor(h.members.rep1), message: null, action: { kind: 'report.open', args: { week: '2026-W48', customerId: String(h.customers.acme) } } });
    expect(kindOf(open)).toBe('openForm');
  });
});
