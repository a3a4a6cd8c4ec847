// The contract of the repositories the weekly cycle and the follow-up loop need (tasks, settings log,
// outbox, job runs, inbound log, import staging): the SAME assertions against SQLite (the sync repos
// wrapped as the async ports) and PostgreSQL on a real server (delivery.contract.test.ts). Each test
// starts from an empty database of its dialect (`fresh`), so outbox claims see only its own rows.
import { expect, it } from 'vitest';
import type {
  AsyncCustomerRepo, AsyncImportStaging, AsyncInboundLog, AsyncJobRunRepo, AsyncOutboxRepo, AsyncReportRepo, AsyncSettingsLogRepo, AsyncTaskRepo, AsyncTeamRepo,
} from '../../../src/app/ports/async.port.js';
import type { EnqueueInput } from '../../../src/app/ports/delivery.port.js';
import type { FollowUpTask } from '../../../src/core/follow-up/task.js';
import { entry } from '../helpers.js';

export interface DeliveryRepos {
  teams: AsyncTeamRepo;
  customers: AsyncCustomerRepo;
  reports: AsyncReportRepo;
  tasks: AsyncTaskRepo;
  settingsLog: AsyncSettingsLogRepo;
  outbox: AsyncOutboxRepo;
  jobRuns: AsyncJobRunRepo;
  inbound: AsyncInboundLog;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  importStaging(): Promise<AsyncImportStaging>;
}

const msg = (teamId: number, key: string, patch: Partial<EnqueueInput> = {}): EnqueueInput => ({
  teamId, key, platform: 'slack', op: 'send', destination: { kind: 'user', userId: 'U1' },
  card: { title: 'hi', blocks: [] } as unknown as EnqueueInput['card'], ...patch,
});

const newTask = (teamId: number, customerId: number, patch: Partial<FollowUpTask> = {}): Omit<FollowUpTask, 'id'> => ({
  teamId, customerId, tag: 'overdue', role: 'finance', assigneeId: null, ownerRole: 'director', grade: 'A', state: 'open',
  createdWeek: '2026-W40', dueDate: '2026-10-09', snoozedUntil: null, closedAt: null, closeNote: null,
  indexAtClose: null, indexAfter2w: null, indexAfter4w: null, escalated: false, dismissedUntil: null, ...patch,
});

export function deliveryContract(fresh: () => Promise<DeliveryRepos>): void {
  async function withTeam() {
    const r = await fresh();
    const team = await r.teams.ensureTeam({ name: 'Sales', timezone: 'Asia/Shanghai', locale: 'zh' });
    const rep = await r.teams.upsertMember({ teamId: team.id, email: 'li.wei@example.com', name: 'Li Wei', role: 'rep' });
    return { r, teamId: team.id, repId: rep.id };
  }

  it('tasks: insert, the active one per (customer, tag), update, list by state and customer', async () => {
    const { r, teamId, repId } = await withTeam();
    const c = await r.customers.upsertCustomer({ teamId, name: 'A' });
    const t = await r.tasks.insertTask(newTask(teamId, c.id));
    expect(await r.tasks.getTask(t.id)).toEqual(t);
    expect(await r.tasks.getTask(t.id + 1000)).toBeNull();
    expect((await r.tasks.activeTask(c.id, 'overdue'))?.id).toBe(t.id);
    expect(await r.tasks.activeTask(c.id, 'silent')).toBeNull();
    const done: FollowUpTask = { ...t, state: 'done', closedAt: '2026-10-08T00:00:00Z', closeNote: 'paid', indexAtClose: 42.5, escalated: true, assigneeId: repId };
    await r.tasks.updateTask(done);
    expect(await r.tasks.getTask(t.id)).toEqual(done);
    expect(await r.tasks.activeTask(c.id, 'overdue')).toBeNull();
    const t2 = await r.tasks.insertTask(newTask(teamId, c.id, { createdWeek: '2026-W42' }));
    expect((await r.tasks.listTasks(teamId)).map((x) => x.id)).toEqual([t.id, t2.id]);
    expect((await r.tasks.listTasks(teamId, { states: ['open'] })).map((x) => x.id)).toEqual([t2.id]);
    expect((await r.tasks.listTasks(teamId, { states: ['open', 'done'], customerId: c.id })).map((x) => x.id)).toEqual([t.id, t2.id]);
    expect(await r.tasks.listTasks(teamId, { states: [] })).toEqual([]);
    expect(await r.tasks.listTasks(teamId, { customerId: c.id + 1 })).toEqual([]);
  });

  it('tasks: a second active task for the same (customer, tag) is refused; another tag is fine', async () => {
    const { r, teamId } = await withTeam();
    const c = await r.customers.upsertCustomer({ teamId, name: 'A' });
    await r.tasks.insertTask(newTask(teamId, c.id, { state: 'snoozed', snoozedUntil: '2026-10-20' }));
    await expect(r.tasks.insertTask(newTask(teamId, c.id))).rejects.toMatchObject({ code: 'task_already_active' });
    expect((await r.tasks.insertTask(newTask(teamId, c.id, { tag: 'silent' }))).tag).toBe('silent');
  });

  it('task events: history in order; one progress per (task, person, week), replaced on resubmit', async () => {
    const { r, teamId, repId } = await withTeam();
    const c = await r.customers.upsertCustomer({ teamId, name: 'A' });
    const t = await r.tasks.insertTask(newTask(teamId, c.id));
    await r.tasks.addEvent({ taskId: t.id, kind: 'created', actorId: null, at: '2026-10-05T04:00:00Z', note: null });
    await r.tasks.addEvent({ taskId: t.id, kind: 'claimed', actorId: repId, at: '2026-10-05T05:00:00Z', note: '我来跟进' });
    expect((await r.tasks.events(t.id)).map((e) => [e.kind, e.actorId, e.note])).toEqual([['created', null, null], ['claimed', repId, '我来跟进']]);
    const progress = { taskId: t.id, kind: 'progress' as const, actorId: repId, note: '已催款', status: 'in_progress' as const, blocker: null, week: '2026-W41' };
    await r.tasks.recordProgress({ ...progress, at: '2026-10-09T01:00:00Z' });
    await r.tasks.recordProgress({ ...progress, at: '2026-10-09T02:00:00Z', note: '客户承诺周五付款', status: 'blocked', blocker: '等财务' });
    await r.tasks.recordProgress({ ...progress, at: '2026-10-16T02:00:00Z', week: '2026-W42', status: 'resolved' });
    expect(await r.tasks.progressEvents([t.id])).toEqual([
      { taskId: t.id, kind: 'progress', actorId: repId, at: '2026-10-09T02:00:00Z', note: '客户承诺周五付款', status: 'blocked', blocker: '等财务', week: '2026-W41' },
      { taskId: t.id, kind: 'progress', actorId: repId, at: '2026-10-16T02:00:00Z', note: '已催款', status: 'resolved', blocker: null, week: '2026-W42' },
    ]);
    expect(await r.tasks.progressEvents([])).toEqual([]);
  });

  it('settings log: changes with JSON values, in order, per team', async () => {
    const { r, teamId } = await withTeam();
    const first = await r.settingsLog.record({ teamId, key: 'digest.hour', oldValue: null, newValue: { at: 9 }, actor: 'U1', at: '2026-10-01T00:00:00Z', undoOf: null });
    const undo = await r.settingsLog.record({ teamId, key: 'digest.hour', oldValue: { at: 9 }, newValue: null, actor: 'U2', at: '2026-10-01T01:00:00Z', undoOf: first.id });
    expect(undo.id).toBeGreaterThan(first.id);
    expect(await r.settingsLog.list(teamId)).toEqual([first, undo]);
    expect(await r.settingsLog.list(teamId + 1)).toEqual([]);
  });

  it('outbox: enqueues once per key and delivers through the states', async () => {
    const { r, teamId } = await withTeam();
    const { outbox } = r;
    expect(await outbox.enqueue(msg(teamId, 'prompt:2026-W40:member:1:slack'), '2026-10-02T08:00:00Z')).toBe(true);
    expect(await outbox.enqueue(msg(teamId, 'prompt:2026-W40:member:1:slack', { card: { title: 'other' } as never }), '2026-10-02T08:01:00Z')).toBe(false);
    expect(await outbox.enqueue(msg(teamId, 'prompt:2026-W40:member:2:slack'), '2026-10-02T08:00:30Z')).toBe(true);
    expect(await outbox.due('2026-10-02T07:59:59Z', 10)).toEqual([]);
    const due = await outbox.due('2026-10-02T09:00:00Z', 10);
    expect(due.map((m) => m.key)).toEqual(['prompt:2026-W40:member:1:slack', 'prompt:2026-W40:member:2:slack']);
    expect(due[0]).toMatchObject({ state: 'pending', attempts: 0, card: { title: 'hi' }, destination: { kind: 'user', userId: 'U1' }, messageRef: null });
    const id = due[0]!.id;
    expect((await outbox.due('2026-10-02T09:00:00Z', 10, id)).map((m) => m.key)).toEqual(['prompt:2026-W40:member:2:slack']);

    const lease = { owner: 'local', leaseMs: 60_000 };
    expect(await outbox.markInFlight(id, '2026-10-02T09:00:00Z', lease)).toBe(false); // not claimed: nobody may send it
    expect((await outbox.claimDue({ ...lease, dueBy: '2026-10-02T09:00:00Z', now: '2026-10-02T09:00:00Z', limit: 1 })).map((m) => m.id)).toEqual([id]);
    expect(await outbox.markInFlight(id, '2026-10-02T09:00:00Z', lease)).toBe(true);
    expect(await outbox.byKey('prompt:2026-W40:member:1:slack')).toMatchObject({ attempts: 1, inFlightSince: '2026-10-02T09:00:00Z' });
    await outbox.markRetry(id, '429 rate limited', '2026-10-02T09:00:30Z');
    expect((await outbox.due('2026-10-02T09:00:10Z', 10)).map((m) => m.id)).not.toContain(id);
    expect(await outbox.byKey('prompt:2026-W40:member:1:slack')).toMatchObject({ inFlightSince: null, lastError: '429 rate limited' });
    expect(await outbox.markInFlight(id, '2026-10-02T09:00:31Z', lease)).toBe(false); // the retry released the lease
    await outbox.claimDue({ ...lease, dueBy: '2026-10-02T09:00:31Z', now: '2026-10-02T09:00:31Z', limit: 10 });
    expect(await outbox.markInFlight(id, '2026-10-02T09:00:31Z', lease)).toBe(true);
    await outbox.markSent(id, { platform: 'slack', channel: 'D1', messageId: '123.456' }, '2026-10-02T09:00:32Z');
    expect(await outbox.byKey('prompt:2026-W40:member:1:slack')).toMatchObject({
      state: 'sent', attempts: 2, sentAt: '2026-10-02T09:00:32Z', messageRef: { channel: 'D1', messageId: '123.456' },
    });
    expect((await outbox.due('2026-10-03T00:00:00Z', 10)).map((m) => m.id)).not.toContain(id);
    await outbox.updateMessageRef('prompt:2026-W40:member:1:slack', { platform: 'slack', channel: 'D1', messageId: '123.456', parts: ['123.457'] } as never);
    expect((await outbox.byKey('prompt:2026-W40:member:1:slack'))?.messageRef).toMatchObject({ parts: ['123.457'] });

    const other = (await outbox.byKey('prompt:2026-W40:member:2:slack'))!;
    await outbox.markFailed(other.id, 'user_not_found', '2026-10-02T09:01:00Z');
    expect((await outbox.listFailed(teamId, '2026-10-02T00:00:00Z')).map((m) => m.key)).toEqual(['prompt:2026-W40:member:2:slack']);
    expect(await outbox.listFailed(teamId, '2026-10-03T00:00:00Z')).toEqual([]);
    expect(await outbox.due('2026-10-03T00:00:00Z', 10)).toEqual([]);
    expect(await outbox.byKey('nothing')).toBeNull();
  });

  it('outbox leases: one holder at a time, taken over when the lease runs out, the loser not sending', async () => {
    const { r, teamId } = await withTeam();
    const { outbox } = r;
    for (let i = 1; i <= 4; i++) await outbox.enqueue(msg(teamId, `fan:${i}`), '2026-10-02T08:00:00.000Z');
    const t0 = '2026-10-02T09:00:00.000Z';
    const a = { owner: 'replica-a', leaseMs: 60_000 };
    const b = { owner: 'replica-b', leaseMs: 60_000 };
    const claim = async (who: typeof a, now: string, limit = 10) => (await outbox.claimDue({ ...who, dueBy: now, now, limit })).map((m) => m.key);
    expect(await claim(a, t0, 3)).toEqual(['fan:1', 'fan:2', 'fan:3']);
    expect(await claim(b, t0)).toEqual(['fan:4']);
    const id = async (key: string) => (await outbox.byKey(key))!.id;
    expect(await outbox.markInFlight(await id('fan:1'), t0, b)).toBe(false);
    expect(await outbox.markInFlight(await id('fan:1'), t0, a)).toBe(true);
    // A dies. Before its lease ends nobody else takes its messages; after, B does, and the one A had
    // started carries its in-flight mark (outcome unknown: the delivery loop checks first).
    expect(await claim(b, '2026-10-02T09:00:59.000Z')).toEqual(['fan:4']);
    const later = '2026-10-02T09:02:01.000Z';
    const taken = await outbox.claimDue({ ...b, dueBy: later, now: later, limit: 10 });
    expect(taken.map((m) => [m.key, m.inFlightSince])).toEqual([['fan:1', t0], ['fan:2', null], ['fan:3', null], ['fan:4', null]]);
    expect(await outbox.markInFlight(await id('fan:2'), later, a)).toBe(false);
    expect(await outbox.markInFlight(await id('fan:2'), later, b)).toBe(true);
    await outbox.markSent(await id('fan:2'), { platform: 'slack', channel: 'D1', messageId: '1.2' }, later);
    expect(await outbox.byKey('fan:2')).toMatchObject({ state: 'sent', attempts: 1 });
    // A restarted worker of the same name gets its own held messages back at once.
    const soon = '2026-10-02T09:02:05.000Z';
    expect(await claim(a, soon)).toEqual([]);
    expect(await claim(b, soon)).toEqual(['fan:1', 'fan:3', 'fan:4']);
  });

  it('outbox: a newer card replaces a pending update, not a sent one; latest card and newest update', async () => {
    const { r, teamId } = await withTeam();
    const { outbox } = r;
    await outbox.enqueue(msg(teamId, 'digest:2026-W40', { card: { title: 'v0' } as never }), 't0');
    expect(await outbox.latestCard('digest:2026-W40')).toEqual({ title: 'v0' });
    const upd = (title: string) => msg(teamId, 'digest-update:2026-W40', { op: 'update', updateOf: 'digest:2026-W40', card: { title } as never });
    expect(await outbox.enqueue(upd('v1'), 't1')).toBe(true);
    expect(await outbox.enqueue(upd('v2'), 't2')).toBe(true);
    expect(await outbox.byKey('digest-update:2026-W40')).toMatchObject({ card: { title: 'v2' }, updateOf: 'digest:2026-W40', op: 'update' });
    expect(await outbox.latestCard('digest:2026-W40')).toEqual({ title: 'v2' });
    const updateId = (await outbox.byKey('digest-update:2026-W40'))!.id;
    expect(await outbox.newestUpdateId('digest:2026-W40')).toBe(updateId);
    expect(await outbox.newestUpdateId('digest:2026-W41')).toBeNull();
    await outbox.markSent(updateId, { platform: 'slack', channel: 'C', messageId: '1' }, 't3');
    expect(await outbox.enqueue(upd('v3'), 't4')).toBe(false);
    expect((await outbox.byKey('digest-update:2026-W40'))?.card).toEqual({ title: 'v2' });
    expect(await outbox.latestCard('nothing')).toBeNull();
  });

  it('job runs: a step is claimed once, a stale unfinished claim again, a finished one never', async () => {
    const { r, teamId } = await withTeam();
    const { jobRuns } = r;
    expect(await jobRuns.claim(teamId, '2026-W40', 'prompt', '2026-10-02T08:00:00.000Z')).toBe(true);
    expect(await jobRuns.claim(teamId, '2026-W40', 'prompt', '2026-10-02T08:01:00.000Z')).toBe(false);
    expect(await jobRuns.hasRun(teamId, '2026-W40', 'prompt')).toBe(false);
    expect(await jobRuns.claim(teamId, '2026-W40', 'prompt', '2026-10-02T08:20:00.000Z')).toBe(true);
    await jobRuns.finish(teamId, '2026-W40', 'prompt', '2026-10-02T08:21:00.000Z');
    expect(await jobRuns.hasRun(teamId, '2026-W40', 'prompt')).toBe(true);
    expect(await jobRuns.claim(teamId, '2026-W40', 'prompt', '2026-12-01T00:00:00.000Z')).toBe(false);
    expect(await jobRuns.claim(teamId, '2026-W41', 'prompt', '2026-10-09T08:00:00.000Z')).toBe(true);
  });

  it('job runs: of concurrent claims of one step exactly one wins', async () => {
    const { r, teamId } = await withTeam();
    const wins = await Promise.all(Array.from({ length: 8 }, () => r.jobRuns.claim(teamId, '2026-W45', 'digest', '2026-11-06T08:00:00.000Z')));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });

  it('inbound log: the first sighting only; keys older than the retention are forgotten', async () => {
    const { r } = await withTeam();
    const { inbound } = r;
    expect(await inbound.firstSeen('slack:Ev1', '2026-10-01T00:00:00.000Z')).toBe(true);
    expect(await inbound.firstSeen('slack:Ev1', '2026-10-01T00:00:01.000Z')).toBe(false);
    expect(await inbound.firstSeen('feishu:Ev1', '2026-10-01T00:00:02.000Z')).toBe(true);
    const again = await Promise.all([1, 2, 3, 4].map(() => inbound.firstSeen('slack:Ev3', '2026-10-01T00:00:03.000Z')));
    expect(again.filter(Boolean)).toHaveLength(1);
    // Ten days later the old keys are pruned on the way: a (very late) retry counts as new.
    expect(await inbound.firstSeen('slack:Ev2', '2026-10-11T00:00:00.000Z')).toBe(true);
    expect(await inbound.firstSeen('slack:Ev1', '2026-10-11T00:00:01.000Z')).toBe(true);
  });

  it('transactions: a throw rolls back everything, nested calls join the outer one', async () => {
    const { r, teamId } = await withTeam();
    await expect(r.transaction(async () => {
      await r.customers.upsertCustomer({ teamId, name: 'A' });
      await r.transaction(() => r.customers.upsertCustomer({ teamId, name: 'B' }));
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await r.customers.listCustomers(teamId)).toEqual([]);
    const id = await r.transaction(async () => {
      await r.customers.upsertCustomer({ teamId, name: 'A' });
      return (await r.transaction(() => r.customers.upsertCustomer({ teamId, name: 'B' }))).id;
    });
    expect(id).toBeGreaterThan(0);
    expect(await r.customers.listCustomers(teamId)).toHaveLength(2);
  });

  it('import staging: staged rows are applied in file order (a later duplicate wins), new customers, reports marked', async () => {
    const { r, teamId, repId } = await withTeam();
    const known = await r.customers.upsertCustomer({ teamId, name: '华为' });
    await r.reports.upsertEntry({ teamId, week: '2026-W40', repId, customerId: known.id, source: 'chat', values: entry({ revenue: 5 }), custom: { owner: 'x' } }, 't0');
    const staging = await r.importStaging();
    expect(await staging.seqRange()).toBeNull();
    await staging.add([
      { week: '2026-W40', rep: 1, customer: 1, values: entry({ revenue: 5 }) },
      { week: '2026-W41', rep: 1, customer: 1, values: entry({ revenue: 7 }) },
      { week: '2026-W41', rep: 1, customer: 2, values: entry({ revenue: 1 }), custom: { phase: 'pilot' } },
      { week: '2026-W41', rep: 1, customer: 2, values: entry({ revenue: 2 }), custom: { phase: 'rollout' } },
    ]);
    const range = await staging.seqRange();
    expect(range).not.toBeNull();
    expect(range!.to - range!.from).toBe(3);
    const result = await r.transaction(async () => {
      const fresh = await staging.insertCustomers([{ ref: 2, teamId, name: ' 小米 ', ownerRepId: repId, industry: '制造', region: null, tier: 'key', since: null }]);
      await staging.setIds(new Map([[1, { id: repId, teamId }]]), new Map([[1, known.id], [2, fresh.get(2)!]]));
      const applied = await staging.apply('2026-11-01T00:00:00.000Z', range!, true);
      await staging.markSubmitted('2026-11-01T00:00:00.000Z');
      return applied;
    });
    // W40 is identical (unchanged), W41 ×2 inserted; the duplicate of 小米 W41 leaves its last values
    // (SQLite counts the overwritten first copy as an update, PostgreSQL as unchanged: the four rows are accounted for either way).
    expect(result.inserted).toBe(2);
    expect(result.inserted + result.updated + result.unchanged).toBe(4);
    expect(result.changedFrom).toEqual(new Map([[teamId, '2026-W41']]));
    const xiaomi = (await r.customers.customerByName(teamId, '小米'))!;
    expect(xiaomi).toMatchObject({ name: '小米', ownerRepId: repId, industry: '制造', tier: 'key' });
    const w41 = await r.reports.entriesForWeek(teamId, '2026-W41');
    expect(w41.map((e) => [e.customerId, e.values.revenue, e.source, e.custom])).toEqual(expect.arrayContaining([
      [known.id, 7, 'import', expect.anything()], [xiaomi.id, 2, 'import', { phase: 'rollout' }],
    ]));
    // The stored custom value of the identical W40 row is kept.
    expect((await r.reports.entriesForWeek(teamId, '2026-W40'))[0]?.custom).toEqual({ owner: 'x' });
    expect((await r.reports.reportStatuses(teamId, '2026-W41')).map((x) => [x.repId, x.submittedAt])).toEqual([[repId, '2026-11-01T00:00:00.000Z']]);
    await staging.clear();
    expect(await staging.seqRange()).toBeNull();
    await staging.close();
  });
}
