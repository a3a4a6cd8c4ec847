import { afterEach, describe, expect, it } from 'vitest';
import type { EnqueueInput } from '../../src/app/ports/delivery.port.js';
import { setup, type Fixture } from './helpers.js';

let f: Fixture;
afterEach(() => f?.db.close());

const msg = (teamId: number, key: string, patch: Partial<EnqueueInput> = {}): EnqueueInput => ({
  teamId, key, platform: 'slack', op: 'send', destination: { kind: 'user', userId: 'U1' },
  card: { title: 'hi', blocks: [] } as unknown as EnqueueInput['card'], ...patch,
});

describe('SqliteOutboxRepo', () => {
  it('enqueues once per key and delivers through the states', () => {
    f = setup();
    const { outbox } = f.repos;
    expect(outbox.enqueue(msg(f.teamId, 'prompt:2026-W40:member:1:slack'), '2026-10-02T08:00:00Z')).toBe(true);
    expect(outbox.enqueue(msg(f.teamId, 'prompt:2026-W40:member:1:slack', { card: { title: 'other' } as never }), '2026-10-02T08:01:00Z')).toBe(false);
    expect(outbox.enqueue(msg(f.teamId, 'prompt:2026-W40:member:2:slack'), '2026-10-02T08:00:30Z')).toBe(true);
    expect(outbox.due('2026-10-02T07:59:59Z', 10)).toEqual([]);
    const due = outbox.due('2026-10-02T09:00:00Z', 10);
    expect(due.map((m) => m.key)).toEqual(['prompt:2026-W40:member:1:slack', 'prompt:2026-W40:member:2:slack']);
    expect(due[0]).toMatchObject({ state: 'pending', attempts: 0, card: { title: 'hi' }, destination: { kind: 'user', userId: 'U1' }, messageRef: null });
    const id = due[0]!.id;
    // afterId: only what was queued after a given message (the worker tops up its queue this way).
    expect(outbox.due('2026-10-02T09:00:00Z', 10, id).map((m) => m.key)).toEqual(['prompt:2026-W40:member:2:slack']);

    const lease = { owner: 'local', leaseMs: 60_000 };
    expect(outbox.markInFlight(id, '2026-10-02T09:00:00Z', lease)).toBe(false); // not claimed: nobody may send it
    expect(outbox.claimDue({ ...lease, dueBy: '2026-10-02T09:00:00Z', now: '2026-10-02T09:00:00Z', limit: 1 }).map((m) => m.id)).toEqual([id]);
    expect(outbox.markInFlight(id, '2026-10-02T09:00:00Z', lease)).toBe(true);
    expect(outbox.byKey('prompt:2026-W40:member:1:slack')).toMatchObject({ attempts: 1, inFlightSince: '2026-10-02T09:00:00Z' });
    outbox.markRetry(id, '429 rate limited', '2026-10-02T09:00:30Z');
    expect(outbox.due('2026-10-02T09:00:10Z', 10).map((m) => m.id)).not.toContain(id);
    expect(outbox.byKey('prompt:2026-W40:member:1:slack')).toMatchObject({ inFlightSince: null, lastError: '429 rate limited' });
    expect(outbox.markInFlight(id, '2026-10-02T09:00:31Z', lease)).toBe(false); // the retry released the lease
    outbox.claimDue({ ...lease, dueBy: '2026-10-02T09:00:31Z', now: '2026-10-02T09:00:31Z', limit: 10 });
    expect(outbox.markInFlight(id, '2026-10-02T09:00:31Z', lease)).toBe(true);
    outbox.markSent(id, { platform: 'slack', channel: 'D1', messageId: '123.456' }, '2026-10-02T09:00:32Z');
    expect(outbox.byKey('prompt:2026-W40:member:1:slack')).toMatchObject({
      state: 'sent', attempts: 2, sentAt: '2026-10-02T09:00:32Z', messageRef: { channel: 'D1', messageId: '123.456' },
    });
    expect(outbox.due('2026-10-03T00:00:00Z', 10).map((m) => m.id)).not.toContain(id);

    const other = outbox.byKey('prompt:2026-W40:member:2:slack')!;
    outbox.markFailed(other.id, 'user_not_found', '2026-10-02T09:01:00Z');
    expect(outbox.listFailed(f.teamId, '2026-10-02T00:00:00Z').map((m) => m.key)).toEqual(['prompt:2026-W40:member:2:slack']);
    expect(outbox.listFailed(f.teamId, '2026-10-03T00:00:00Z')).toEqual([]);
    expect(outbox.due('2026-10-03T00:00:00Z', 10)).toEqual([]);
  });

  it('leases claimed messages: one holder at a time, taken over when the lease runs out, the loser not sending', () => {
    f = setup();
    const { outbox } = f.repos;
    for (let i = 1; i <= 4; i++) outbox.enqueue(msg(f.teamId, `fan:${i}`), '2026-10-02T08:00:00.000Z');
    const t0 = '2026-10-02T09:00:00.000Z';
    const a = { owner: 'replica-a', leaseMs: 60_000 };
    const b = { owner: 'replica-b', leaseMs: 60_000 };
    const claim = (who: typeof a, now: string, limit = 10) => outbox.claimDue({ ...who, dueBy: now, now, limit }).map((m) => m.key);
    expect(claim(a, t0, 3)).toEqual(['fan:1', 'fan:2', 'fan:3']);
    // B gets only what A does not hold.
    expect(claim(b, t0)).toEqual(['fan:4']);
    const id = (key: string) => outbox.byKey(key)!.id;
    expect(outbox.markInFlight(id('fan:1'), t0, b)).toBe(false);
    expect(outbox.markInFlight(id('fan:1'), t0, a)).toBe(true);

    // A dies. Before its lease ends nobody else may take its messages (B sees only its own again); after,
    // B takes them over, and the one A had started carries its in-flight mark (outcome unknown: check first).
    expect(claim(b, '2026-10-02T09:00:59.000Z')).toEqual(['fan:4']);
    const later = '2026-10-02T09:02:01.000Z';
    const taken = outbox.claimDue({ ...b, dueBy: later, now: later, limit: 10 });
    expect(taken.map((m) => [m.key, m.inFlightSince])).toEqual([['fan:1', t0], ['fan:2', null], ['fan:3', null], ['fan:4', null]]);
    // A comes back late: it lost its hold and must not send.
    expect(outbox.markInFlight(id('fan:2'), later, a)).toBe(false);
    expect(outbox.markInFlight(id('fan:2'), later, b)).toBe(true);
    outbox.markSent(id('fan:2'), { platform: 'slack', channel: 'D1', messageId: '1.2' }, later);
    expect(outbox.byKey('fan:2')).toMatchObject({ state: 'sent', attempts: 1 });
  });

  it('gives a restarted worker of the same name its own held messages back at once', () => {
    f = setup();
    const { outbox } = f.repos;
    outbox.enqueue(msg(f.teamId, 'solo:1'), '2026-10-02T08:00:00.000Z');
    const now = '2026-10-02T09:00:00.000Z';
    const local = { owner: 'local', leaseMs: 120_000 };
    expect(outbox.claimDue({ ...local, dueBy: now, now, limit: 10 })).toHaveLength(1);
    const soon = '2026-10-02T09:00:05.000Z';
    expect(outbox.claimDue({ owner: 'other', leaseMs: 120_000, dueBy: soon, now: soon, limit: 10 })).toEqual([]);
    expect(outbox.claimDue({ ...local, dueBy: soon, now: soon, limit: 10 }).map((m) => m.key)).toEqual(['solo:1']);
  });

  it('lets a newer card replace a pending update, not a sent one', () => {
    f = setup();
    const { outbox } = f.repos;
    const upd = (title: string) => msg(f.teamId, 'digest-update:2026-W40', { op: 'update', updateOf: 'digest:2026-W40', card: { title } as never });
    expect(outbox.enqueue(upd('v1'), 't1')).toBe(true);
    expect(outbox.enqueue(upd('v2'), 't2')).toBe(true);
    expect(outbox.byKey('digest-update:2026-W40')).toMatchObject({ card: { title: 'v2' }, updateOf: 'digest:2026-W40', op: 'update' });
    outbox.markSent(outbox.byKey('digest-update:2026-W40')!.id, { platform: 'slack', channel: 'C', messageId: '1' }, 't3');
    expect(outbox.enqueue(upd('v3'), 't4')).toBe(false);
    expect(outbox.byKey('digest-update:2026-W40')?.card).toEqual({ title: 'v2' });
  });
});

describe('SqliteJobRunRepo', () => {
  it('claims a step once, and a stale unfinished claim again', () => {
    f = setup();
    const { jobRuns } = f.repos;
    expect(jobRuns.claim(f.teamId, '2026-W40', 'prompt', '2026-10-02T08:00:00Z')).toBe(true);
    expect(jobRuns.claim(f.teamId, '2026-W40', 'prompt', '2026-10-02T08:01:00Z')).toBe(false);
    expect(jobRuns.hasRun(f.teamId, '2026-W40', 'prompt')).toBe(false);
    // The process died mid-step: after 15 minutes someone may take it over.
    expect(jobRuns.claim(f.teamId, '2026-W40', 'prompt', '2026-10-02T08:20:00Z')).toBe(true);
    jobRuns.finish(f.teamId, '2026-W40', 'prompt', '2026-10-02T08:21:00Z');
    expect(jobRuns.hasRun(f.teamId, '2026-W40', 'prompt')).toBe(true);
    expect(jobRuns.claim(f.teamId, '2026-W40', 'prompt', '2026-12-01T00:00:00Z')).toBe(false);
    expect(jobRuns.claim(f.teamId, '2026-W41', 'prompt', '2026-10-09T08:00:00Z')).toBe(true);
  });
});

describe('SqliteInboundLog', () => {
  it('reports the first sighting only and prunes old keys', () => {
    f = setup();
    const { inbound } = f.repos;
    expect(inbound.firstSeen('slack:Ev1', '2026-10-01T00:00:00Z')).toBe(true);
    expect(inbound.firstSeen('slack:Ev1', '2026-10-01T00:00:01Z')).toBe(false);
    expect(inbound.firstSeen('feishu:Ev1', '2026-10-01T00:00:02Z')).toBe(true);
    // Ten days later the old keys are gone (pruned on the way).
    expect(inbound.firstSeen('slack:Ev2', '2026-10-11T00:00:00Z')).toBe(true);
    const keys = f.db.sqlite.prepare('SELECT key FROM inbound_events ORDER BY key').pluck().all();
    expect(keys).toEqual(['slack:Ev2']);
  });
});

describe('Repositories.transaction', () => {
  it('rolls back everything on error and lets nested calls join', () => {
    f = setup();
    expect(() => f.repos.transaction(() => {
      f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
      f.repos.transaction(() => f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'B' }));
      throw new Error('boom');
    })).toThrow('boom');
    expect(f.repos.customers.listCustomers(f.teamId)).toEqual([]);
    const n = f.repos.transaction(() => {
      f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
      return f.repos.transaction(() => f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'B' }).id);
    });
    expect(n).toBeGreaterThan(0);
    expect(f.repos.customers.listCustomers(f.teamId)).toHaveLength(2);
  });
});
