// The rep's weekly report through the router: open a form, errors, save, submit, away.
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/ui/action.js';
import { runPromptStep } from '../../src/app/weekly-report/prompt.job.js';
import { outboxKeys } from '../../src/app/radar-app.js';
import { createHarness, type Harness } from './support/app-harness.js';
import { done, kindOf, opened, rejected, updated } from '../support/answer.js';

const WEEK = '2026-W48';
let h: Harness;
beforeEach(() => {
  h = createHarness();
});

const open = (customerId: number, member = h.members.rep1) =>
  h.send({ type: 'action', actor: h.actor(member), action: { kind: 'report.open', args: { week: WEEK, customerId: String(customerId) } }, message: null });
const save = (customerId: number, values: Record<string, string>, member = h.members.rep1) =>
  h.send({ type: 'formSubmitted', actor: h.actor(member), formId: encodeAction({ kind: 'report.save', args: { week: WEEK, customerId: String(customerId) } }), values, message: null });

describe('weekly report', () => {
  it('opens a form whose fields are the template ids, pre-filled from last week', async () => {
    const result = await open(h.customers.huaxing);
    expect(kindOf(result)).toBe('openForm');
    expect(opened(result).fields.map((f) => f.id)).toEqual(['contacts', 'lastContact', 'revenue', 'collected', 'receivable', 'overdueDays', 'paymentTermDays', 'complaints',
      'complaintType', 'requirementChanges', 'faults', 'usage', 'stage', 'expectedClose', 'health', 'notes']);
    expect(opened(result).values.receivable).toBe('50000');
    expect(opened(result).values.stage).toBe('live');
    expect(opened(result).values.contacts).toBe('0');
    expect(opened(result).values.revenue).toBe('0');
    // 101 days overdue in W47 and still owed: the form starts at the scorer's estimate for W48.
    expect(opened(result).values.overdueDays).toBe('108');
  });

  it("refuses another rep's customer", async () => {
    const result = await open(h.customers.huaxing, h.members.rep2);
    expect(result).toEqual({ toast: { text: expect.any(String), tone: 'warning' } });
  });

  it('keeps what was typed and names the field on invalid input, storing nothing', async () => {
    const result = await save(h.customers.huaxing, { contacts: '-3', revenue: '1000', stage: 'live', overdueDays: 'abc' });
    expect(kindOf(result)).toBe('fieldErrors');
    expect(Object.keys(rejected(result).errors ?? {}).sort()).toEqual(['contacts', 'overdueDays']);
    expect(rejected(result).values.contacts).toBe('-3');
    expect(h.app.ctx.repos.reports.entriesForWeek(h.teamId, WEEK)).toEqual([]);
  });

  it('stores a valid entry and refreshes the rep card that was sent', async () => {
    await runPromptStep(h.app, h.teamId, WEEK);
    const result = await save(h.customers.huaxing, { contacts: '2', revenue: '5,000', stage: 'live', receivable: '40000', overdueDays: '10' });
    expect(kindOf(result)).toBe('formDone');
    const stored = h.app.ctx.repos.reports.entriesForWeek(h.teamId, WEEK);
    expect(stored).toHaveLength(1);
    expect(stored[0]!.values).toMatchObject({ contacts: 2, revenue: 5000, receivable: 40000, overdueDays: 10 });
    const sendKey = outboxKeys.prompt(WEEK, h.members.rep1.id, 'slack');
    const refresh = h.app.ctx.repos.outbox.due('9999-01-01T00:00:00Z', 100).filter((m) => m.op === 'update' && m.updateOf === sendKey);
    expect(refresh).toHaveLength(1);
    expect(JSON.stringify(refresh[0]!.card)).toContain('1/2');
  });

  it('restores the report card when a form is cancelled (Feishu swaps the message for the form)', async () => {
    const formId = encodeAction({ kind: 'report.save', args: { week: WEEK, customerId: String(h.customers.acme) } });
    const result = await h.send({ type: 'formCancelled', actor: h.actor(h.members.rep1), formId, message: null });
    expect(kindOf(result)).toBe('update');
    expect(updated(result).title).toContain(WEEK);
    expect(h.app.ctx.repos.reports.entriesForWeek(h.teamId, WEEK)).toEqual([]);
  });

  it('submits the week, and marks a report after the digest as late', async () => {
    await save(h.customers.huaxing, { contacts: '1', revenue: '0', stage: 'live' });
    const first = await h.send({ type: 'action', actor: h.actor(h.members.rep1), action: { kind: 'report.submit', args: { week: WEEK } }, message: null });
    expect(kindOf(first)).toBe('update');
    expect(h.app.ctx.repos.reports.reportStatuses(h.teamId, WEEK).find((s) => s.repId === h.members.rep1.id)).toMatchObject({ late: false });
    h.app.ctx.repos.jobRuns.claim(h.teamId, WEEK, 'digest', '2026-11-30T04:00:00.000Z');
    h.app.ctx.repos.jobRuns.finish(h.teamId, WEEK, 'digest', '2026-11-30T04:00:01.000Z');
    await h.send({ type: 'action', actor: h.actor(h.members.rep2), action: { kind: 'report.submit', args: { week: WEEK, empty: '1' } }, message: null });
    expect(h.app.ctx.repos.reports.reportStatuses(h.teamId, WEEK).find((s) => s.repId === h.members.rep2.id)).toMatchObject({ late: true });
  });

  it('keeps the card open for a rep who missed the deadline, and a second Submit changes nothing', async () => {
    h.app.ctx.repos.jobRuns.claim(h.teamId, WEEK, 'digest', '2026-11-30T04:00:00.000Z');
    h.app.ctx.repos.jobRuns.finish(h.teamId, WEEK, 'digest', '2026-11-30T04:00:01.000Z');
    const open = await h.send({ type: 'message', actor: h.actor(h.members.rep1), text: 'report', channelId: 'D1', isDirect: true });
    expect(kindOf(open)).toBe('reply');
    const saved = await save(h.customers.huaxing, { contacts: '1', revenue: '0', stage: 'live' });
    expect(kindOf(saved)).toBe('formDone');
    expect(JSON.stringify(done(saved).card)).toContain('report.submit');
    const submit = () => h.send({ type: 'action', actor: h.actor(h.members.rep1), action: { kind: 'report.submit', args: { week: WEEK } }, message: null });
    await submit();
    const first = h.app.ctx.repos.reports.reportStatuses(h.teamId, WEEK).find((s) => s.repId === h.members.rep1.id);
    expect(first).toMatchObject({ late: true });
    h.setNow(new Date('2026-11-30T09:00:00Z'));
    const again = await submit();
    expect(kindOf(again)).toBe('update');
    expect(h.app.ctx.repos.reports.reportStatuses(h.teamId, WEEK).find((s) => s.repId === h.members.rep1.id)).toEqual(first);
  });

  it("edits the rep's entry when a manager corrects it, instead of adding a second one", async () => {
    await save(h.customers.huaxing, { contacts: '2', revenue: '100', stage: 'live', overdueDays: '100' });
    const form = await open(h.customers.huaxing, h.members.manager);
    expect(opened(form).values.overdueDays).toBe('100');
    await save(h.customers.huaxing, { contacts: '2', revenue: '100', stage: 'live', overdueDays: '45' }, h.members.manager);
    const entries = h.app.ctx.repos.reports.entriesForWeek(h.teamId, WEEK);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ repId: h.members.rep1.id, values: { overdueDays: 45 } });
  });

  it('skips a rep who is away, and brings them back', async () => {
    const away = await h.send({ type: 'message', actor: h.actor(h.members.rep2), text: '请假到 2026-12-05', channelId: 'D1', isDirect: true });
    expect(away).toEqual({ toast: { text: expect.any(String), tone: 'success' } });
    expect(h.app.ctx.repos.teams.getMember(h.members.rep2.id)?.awayUntil).toBe('2026-12-05');
    const result = await runPromptStep(h.app, h.teamId, WEEK);
    expect(result).toMatchObject({ queued: 1, skippedAway: 1 });
    await h.send({ type: 'message', actor: h.actor(h.members.rep2), text: 'back', channelId: 'D1', isDirect: true });
    expect(h.app.ctx.repos.teams.getMember(h.members.rep2.id)?.awayUntil).toBeNull();
  });

  it('never queues the same prompt twice', async () => {
    const a = await runPromptStep(h.app, h.teamId, WEEK);
    const b = await runPromptStep(h.app, h.teamId, WEEK);
    expect(a.queued).toBe(2);
    expect(b).toMatchObject({ queued: 0, alreadyQueued: 2 });
  });

  it("adopts a rep's own timezone from the platform and holds their prompt until their local time", async () => {
    h.chat.profiles.set('U-rep2', { timezone: 'America/New_York', locale: 'en' });
    await runPromptStep(h.app, h.teamId, WEEK);
    expect(h.app.ctx.repos.teams.getMember(h.members.rep2.id)).toMatchObject({ timezone: 'America/New_York', locale: 'en' });
    const prompt = h.app.ctx.repos.outbox.byKey(outboxKeys.prompt(WEEK, h.members.rep2.id, 'slack'));
    // Friday 16:00 in New York is 21:00 UTC; Shanghai's rep1 is not held.
    expect(prompt?.nextAttemptAt).toBe('2026-11-27T21:00:00.000Z');
    expect(h.app.ctx.repos.outbox.byKey(outboxKeys.prompt(WEEK, h.members.rep1.id, 'slack'))?.nextAttemptAt).toBe(h.app.ctx.clock().toISOString());
  });

  it('lists a rep with no chat account as unreachable instead of skipping silently', async () => {
    h.app.ctx.repos.teams.setPlatformId(h.members.rep2.id, 'slack', null);
    h.app.ctx.repos.teams.upsertMember({ teamId: h.teamId, email: 'ghost@nowhere.example', name: 'Ghost', role: 'rep' });
    const result = await runPromptStep(h.app, h.teamId, WEEK);
    expect(result.unreachable).toEqual(['ghost@nowhere.example']);
    // rep2 was matched again by email during the step
    expect(h.app.ctx.repos.teams.getMember(h.members.rep2.id)?.identities).toEqual([{ platform: 'slack', userId: 'U-rep2' }]);
  });
});
