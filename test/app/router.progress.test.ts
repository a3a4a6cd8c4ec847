// Issue 11.1: follow-up progress inside the weekly report and in the task DM, shown in the digest; a task
// with no progress for two reports is called out.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/ui/action.js';
import { runDigestStep } from '../../src/app/digest/digest.job.js';
import { digestModel, prepareDigestWeek } from '../../src/app/digest/digest.service.js';
import { reachableOn, withUnreachable } from '../../src/core/digest/build-digest.js';
import type { WeekId } from '../../src/core/weekly-report/week.js';
import { digestCard } from '../../src/app/digest/digest.view.js';
import type { FollowUpTask } from '../../src/core/follow-up/task.js';
import { createHarness, type Harness } from './support/app-harness.js';
import { cardText } from './views/helpers.js';
import { kindOf, opened as openedForm, rejected } from '../support/answer.js';

let h: Harness;
let overdueTask: FollowUpTask;

beforeEach(async () => {
  h = createHarness();
  await runDigestStep(h.app, h.teamId, '2026-W47');
  overdueTask = h.app.ctx.repos.tasks.listTasks(h.teamId).find((t) => t.customerId === h.customers.huaxing && t.tag === 'overdue')!;
});

/** The digest as the bot shows it on Slack: the week prepared, then read. */
const slackDigest = (week: WeekId) => {
  prepareDigestWeek(h.app.ctx, h.teamId, week);
  return withUnreachable(digestModel(h.app.ctx, h.teamId, week), reachableOn('slack'));
};

const f = (id: number) => ({ note: `progress_${id}`, status: `progressStatus_${id}`, blocker: `progressBlocker_${id}` });

describe('follow-up progress', () => {
  it("asks for progress in the customer's weekly form, stores it as a task event and shows it in the digest", async () => {
    const opened = await h.send({ type: 'action', actor: h.actor(h.members.rep1), message: null, action: { kind: 'report.open', args: { week: '2026-W48', customerId: String(h.customers.huaxing) } } });
    const ids = openedForm(opened).fields.map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining([f(overdueTask.id).note, f(overdueTask.id).status, f(overdueTask.id).blocker]));
    // Blocked without saying by whom: refused, nothing stored.
    const bad = await h.send({ type: 'formSubmitted', actor: h.actor(h.members.rep1), message: null, formId: openedForm(opened).formId,
      values: { ...openedForm(opened).values, [f(overdueTask.id).note]: '客户说月底付', [f(overdueTask.id).status]: 'blocked' } });
    expect(kindOf(bad)).toBe('fieldErrors');
    expect(Object.keys(rejected(bad).errors ?? {})).toEqual([f(overdueTask.id).blocker]);
    expect(h.app.ctx.repos.reports.entriesForWeek(h.teamId, '2026-W48')).toEqual([]);
    const ok = await h.send({ type: 'formSubmitted', actor: h.actor(h.members.rep1), message: null, formId: openedForm(opened).formId,
      values: { ...openedForm(opened).values, [f(overdueTask.id).note]: '客户说月底付', [f(overdueTask.id).status]: 'blocked', [f(overdueTask.id).blocker]: '客户财务审批' } });
    expect(kindOf(ok)).toBe('formDone');
    expect(h.app.ctx.repos.tasks.events(overdueTask.id).at(-1)).toMatchObject({ kind: 'progress', status: 'blocked', blocker: '客户财务审批', note: '客户说月底付', week: '2026-W48', actorId: h.members.rep1.id });
    const model = slackDigest('2026-W48');
    const text = cardText(digestCard(model, 'zh'));
    expect(text).toContain('进展（2026-W48，受阻：客户财务审批）：客户说月底付');
  });

  it('asks an assignee other than the rep in their task DM, and calls out a task with no progress for two reports', async () => {
    const open = await h.send({ type: 'action', actor: h.actor(h.members.finance), message: null, action: { kind: 'task.progress', args: { taskId: String(overdueTask.id) } } });
    const done = await h.send({ type: 'formSubmitted', actor: h.actor(h.members.finance), message: null, formId: openedForm(open).formId,
      values: { [f(overdueTask.id).note]: '已发催款函', [f(overdueTask.id).status]: 'in_progress' } });
    expect(kindOf(done)).toBe('formDone');
    expect(h.app.ctx.repos.tasks.events(overdueTask.id).at(-1)).toMatchObject({ kind: 'progress', status: 'in_progress', actorId: h.members.finance.id });
    // Two reports on: a task opened in W45 with no progress is called out in the W47 digest; one updated in W46 is not.
    const { repos } = h.app.ctx;
    const active = repos.tasks.listTasks(h.teamId, { states: ['open', 'claimed'] });
    for (const t of active) repos.tasks.updateTask({ ...t, createdWeek: '2026-W45' });
    const tasksOf = (m: ReturnType<typeof slackDigest>) => [...m.flags.flatMap((x) => x.tasks), ...m.carriedTasks];
    const before = slackDigest('2026-W47');
    expect(tasksOf(before).find((t) => t.id === overdueTask.id)?.noProgress).toBe(true);
    expect(cardText(digestCard(before, 'en'))).toMatch(/No progress for two reports \(\d+\)\n[^\n]*华星科技 · Overdue payment/);
    repos.tasks.recordProgress({ taskId: overdueTask.id, kind: 'progress', actorId: h.members.finance.id, at: '2026-11-12T00:00:00Z', note: '电话催款', status: 'in_progress', blocker: null, week: '2026-W46' });
    const after = slackDigest('2026-W47');
    expect(tasksOf(after).find((t) => t.id === overdueTask.id)?.noProgress).toBe(false);
    expect(cardText(digestCard(after, 'en'))).toContain('progress (2026-W46, in progress): 电话催款');
  });
});
