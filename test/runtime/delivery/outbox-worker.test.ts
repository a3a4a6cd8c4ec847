import { describe, expect, it } from 'vitest';
import { createOutboxWorker, type OutboxWorker } from '../../../src/runtime/delivery/outbox-worker.js';
import type { OutboxMessage } from '../../../src/app/ports/delivery.port.js';
import { ChatDeliveryError, type ChatPort } from '../../../src/app/ports/chat.port.js';
import { MemoryOutboxRepo } from '../../fakes/memory-delivery.js';
import { card, fakeClock, FakeChatPort, permanent, rateLimited, transient, type Fault } from './fake-chat-port.js';
import { SLACK_DELIVERY } from '../../../adapters/slack/limits.js';
import { FEISHU_DELIVERY } from '../../../adapters/feishu/limits.js';

/** The two platforms' own send windows (each adapter's limits.ts). */
const DEFAULT_RATE_LIMITS = { ...SLACK_DELIVERY.windows, ...FEISHU_DELIVERY.windows };

type Clock = ReturnType<typeof fakeClock>;

function setup(fault?: (c: { op: 'send' | 'update'; key: string; attempt: number }) => Fault, extra: Partial<Parameters<typeof createOutboxWorker>[0]> = {}) {
  const clock = fakeClock();
  const outbox = new MemoryOutboxRepo();
  const slack = new FakeChatPort('slack', clock.ms, fault);
  const failures: OutboxMessage[] = [];
  let seed = 7;
  const worker = createOutboxWorker({
    outbox, ports: { slack }, clock: clock.now, sleep: clock.sleep,
    random: () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31),
    sendTimeoutMs: 25,
    onPermanentFailure: (m) => { failures.push(m); },
    ...extra,
  });
  return { clock, outbox, slack, failures, worker };
}

function fanOut(outbox: MemoryOutboxRepo, clock: Clock, n: number, platform: 'slack' | 'feishu' = 'slack') {
  for (let i = 0; i < n; i++) {
    outbox.enqueue({ teamId: 1, key: `prompt:2026-W10:member:${i}:${platform}`, platform, op: 'send', destination: { kind: 'user', userId: `U${i}` }, card: card(`hi ${i}`) }, clock.now().toISOString());
  }
}

/** Drain, jump the clock to the next due time, repeat until nothing is pending. */
async function settle(worker: OutboxWorker, outbox: MemoryOutboxRepo, clock: Clock, maxRounds = 2_000) {
  for (let round = 0; round < maxRounds; round++) {
    await worker.drainOnce();
    const pending = outbox.all().filter((m) => m.state === 'pending');
    if (pending.length === 0) return round;
    const next = Math.min(...pending.map((m) => Date.parse(m.nextAttemptAt)));
    clock.set(Math.max(clock.ms(), next));
  }
  throw new Error('outbox did not settle');
}

describe('outbox worker', () => {
  it('delivers a 200-recipient fan-out exactly once each through 429s, 500s, timeouts and hangs', async () => {
    let n = 0;
    const { clock, outbox, slack, worker, failures } = setup(({ attempt }) => {
      n++;
      if (attempt > 3) return { kind: 'ok' };
      const r = n % 20;
      if (r === 1) return { kind: 'error', error: rateLimited(3_000) };
      if (r === 2 || r === 3) return { kind: 'error', error: transient() };
      if (r === 4) return { kind: 'late', ms: 60 }; // delivered, answer after our 25 ms timeout
      if (r === 5) return { kind: 'hang' };
      if (r === 6) return { kind: 'error', error: new Error('socket hang up') };
      return { kind: 'ok' };
    // One lane: with a fake clock, one lane's sleep would move time under another lane's send.
    }, { concurrency: 1 });
    fanOut(outbox, clock, 200);
    const start = clock.ms();
    await settle(worker, outbox, clock);

    expect(outbox.all().every((m) => m.state === 'sent')).toBe(true);
    expect(slack.delivered.size).toBe(200);
    expect([...slack.delivered.values()].every((c) => c === 1)).toBe(true);
    expect(failures).toEqual([]);
    // Every retry after a late answer asked the port to check first.
    const late = slack.sends.filter((s, i) => slack.sends.findIndex((x) => x.key === s.key) < i);
    expect(late.length).toBeGreaterThan(0);
    for (const key of new Set(slack.sends.map((s) => s.key))) {
      const attempts = slack.sends.filter((s) => s.key === key);
      expect(attempts[0]?.maybeSentBefore).toBe(false);
    }
    // Rate limits held: every window of the workspace budget (per minute and per second) was kept.
    const times = slack.sends.map((s) => s.at).sort((a, b) => a - b);
    for (const { limit, perMs } of DEFAULT_RATE_LIMITS['slack.workspace']!) {
      for (let i = limit; i < times.length; i++) expect((times[i] as number) - (times[i - limit] as number)).toBeGreaterThanOrEqual(perMs);
    }
    // 200 sends at ≤ 20 a second take at least 9 seconds, whatever went wrong on the way.
    expect(clock.ms() - start).toBeGreaterThanOrEqual(9_000);
  });

  it('uses maybeSentBefore after a timeout and after a crash left the row in flight', async () => {
    const { clock, outbox, slack, worker } = setup(({ key, attempt }) => (key.endsWith(':0:slack') && attempt === 1 ? { kind: 'late', ms: 60 } : { kind: 'ok' }));
    fanOut(outbox, clock, 2);
    // Member 1: a previous process marked it in flight, then died.
    const crashed = outbox.byKey('prompt:2026-W10:member:1:slack') as OutboxMessage;
    const at = clock.now().toISOString();
    outbox.claimDue({ owner: 'local', leaseMs: 60_000, dueBy: at, now: at, limit: 1, afterId: crashed.id - 1 });
    expect(outbox.markInFlight(crashed.id, at, { owner: 'local', leaseMs: 60_000 })).toBe(true);

    const r1 = await worker.drainOnce();
    expect(r1).toEqual({ sent: 1, retried: 1, failed: 0 });
    expect(slack.sends.find((s) => s.key.includes(':1:'))?.maybeSentBefore).toBe(true);
    expect(outbox.byKey('prompt:2026-W10:member:0:slack')?.lastError).toMatch(/outcome unknown/);

    await settle(worker, outbox, clock);
    const zero = slack.sends.filter((s) => s.key.includes(':0:'));
    expect(zero.map((s) => s.maybeSentBefore)).toEqual([false, true]);
    expect(slack.delivered.get('prompt:2026-W10:member:0:slack')).toBe(1);
  });

  it('an hour-long outage delays delivery but loses nothing', async () => {
    let outageEnds = 0;
    const clockRef: { ms?: () => number } = {};
    const { clock, outbox, slack, worker, failures } = setup(() => ((clockRef.ms?.() ?? 0) < outageEnds ? { kind: 'error', error: transient('HTTP 503') } : { kind: 'ok' }));
    clockRef.ms = clock.ms;
    outageEnds = clock.ms() + 3_600_000;
    fanOut(outbox, clock, 30);
    await settle(worker, outbox, clock);
    expect(failures).toEqual([]);
    expect(slack.delivered.size).toBe(30);
    const firstOk = Math.min(...outbox.all().map((m) => Date.parse(m.sentAt as string)));
    const lastOk = Math.max(...outbox.all().map((m) => Date.parse(m.sentAt as string)));
    expect(firstOk).toBeGreaterThanOrEqual(outageEnds);
    // Backoff is capped at 5 minutes: everything is out soon after the platform is back.
    expect(lastOk - outageEnds).toBeLessThan(6 * 60_000);
    expect(Math.max(...outbox.all().map((m) => m.attempts))).toBeGreaterThan(10);
  });

  it('fails permanent errors at once and reports each once', async () => {
    const { clock, outbox, slack, worker, failures } = setup(({ key }) => (/member:(3|5|7):/.test(key) ? { kind: 'error', error: permanent('user_not_found') } : { kind: 'ok' }));
    fanOut(outbox, clock, 10);
    await settle(worker, outbox, clock);
    for (let i = 0; i < 5; i++) {
      clock.advance(3_600_000);
      await worker.drainOnce();
    }
    expect(failures.map((m) => m.key).sort()).toEqual(['prompt:2026-W10:member:3:slack', 'prompt:2026-W10:member:5:slack', 'prompt:2026-W10:member:7:slack']);
    expect(failures.every((m) => m.state === 'failed' && /user_not_found/.test(m.lastError ?? ''))).toBe(true);
    expect(slack.sends.filter((s) => s.key.includes('member:3:'))).toHaveLength(1);
    expect(slack.delivered.size).toBe(7);
    expect(outbox.listFailed(1, '2026-01-01T00:00:00Z')).toHaveLength(3);
  });

  it('gives up on endless transient errors after the horizon, reporting once', async () => {
    const { clock, outbox, worker, failures } = setup(() => ({ kind: 'error', error: transient() }), { backoff: { giveUpAfterMs: 2 * 3_600_000 } });
    fanOut(outbox, clock, 1);
    const start = clock.ms();
    await settle(worker, outbox, clock);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.lastError).toMatch(/gave up after \d+ attempts/);
    expect(clock.ms() - start).toBeGreaterThanOrEqual(2 * 3_600_000);
  });

  it('a 429 pauses the conversation and the workspace for the Retry-After', async () => {
    let first = true;
    const { clock, outbox, slack, worker } = setup(() => {
      if (first) { first = false; return { kind: 'error', error: rateLimited(30_000) }; }
      return { kind: 'ok' };
    }, { concurrency: 1 });
    fanOut(outbox, clock, 3);
    const start = clock.ms();
    await worker.drainOnce();
    // U0 got the 429; U1 and U2 (other DMs) waited for the pause on the workspace.
    expect(slack.sends.map((s) => s.at - start)).toEqual([0, 30_000, 30_000]);
    const u0 = outbox.byKey('prompt:2026-W10:member:0:slack') as OutboxMessage;
    expect(u0.state).toBe('pending');
    expect(Date.parse(u0.nextAttemptAt) - start).toBeGreaterThanOrEqual(30_000);
  });

  it('applies an update only after its send is delivered, with the send\'s message ref', async () => {
    const { clock, outbox, slack, worker } = setup(({ op, attempt }) => (op === 'send' && attempt === 1 ? { kind: 'error', error: transient() } : { kind: 'ok' }));
    const at = clock.now().toISOString();
    outbox.enqueue({ teamId: 1, key: 'digest:2026-W10:slack', platform: 'slack', op: 'send', destination: { kind: 'channel', channelId: 'CMGR' }, card: card('digest') }, at);
    outbox.enqueue({ teamId: 1, key: 'digest:2026-W10:slack:v2', platform: 'slack', op: 'update', updateOf: 'digest:2026-W10:slack', destination: { kind: 'channel', channelId: 'CMGR' }, card: card('digest v2') }, at);
    // Also: an update whose send does not exist yet waits instead of failing.
    outbox.enqueue({ teamId: 1, key: 'x:v2', platform: 'slack', op: 'update', updateOf: 'x', destination: { kind: 'channel', channelId: 'C2' }, card: card('x v2') }, at);

    await worker.drainOnce();
    expect(slack.updates).toHaveLength(0);
    expect(outbox.byKey('digest:2026-W10:slack:v2')?.lastError).toMatch(/waiting for digest:2026-W10:slack/);
    expect(outbox.byKey('x:v2')?.state).toBe('pending');

    outbox.enqueue({ teamId: 1, key: 'x', platform: 'slack', op: 'send', destination: { kind: 'channel', channelId: 'C2' }, card: card('x') }, clock.now().toISOString());
    await settle(worker, outbox, clock);
    const digestRef = outbox.byKey('digest:2026-W10:slack')?.messageRef;
    expect(slack.updates.map((u) => [u.ref, u.card.title])).toEqual([[digestRef, 'digest v2'], [outbox.byKey('x')?.messageRef, 'x v2']]);
    expect(outbox.byKey('digest:2026-W10:slack:v2')?.messageRef).toEqual(digestRef);
  });

  it('fails an update whose send failed permanently', async () => {
    const { clock, outbox, worker, failures } = setup(({ op }) => (op === 'send' ? { kind: 'error', error: permanent('channel_not_found') } : { kind: 'ok' }));
    const at = clock.now().toISOString();
    outbox.enqueue({ teamId: 1, key: 'a', platform: 'slack', op: 'send', destination: { kind: 'channel', channelId: 'C' }, card: card('a') }, at);
    outbox.enqueue({ teamId: 1, key: 'a:v2', platform: 'slack', op: 'update', updateOf: 'a', destination: { kind: 'channel', channelId: 'C' }, card: card('a2') }, at);
    await settle(worker, outbox, clock);
    expect(failures.map((m) => m.key)).toEqual(['a', 'a:v2']);
    expect(outbox.byKey('a:v2')?.lastError).toMatch(/message to update \(a\) failed: permanent: channel_not_found/);
  });

  it('keeps messages for a platform without a port pending, then fails them after the horizon', async () => {
    const { clock, outbox, worker, failures } = setup(undefined, { backoff: { giveUpAfterMs: 3 * 3_600_000 } });
    fanOut(outbox, clock, 2, 'feishu');
    await worker.drainOnce();
    const m = outbox.byKey('prompt:2026-W10:member:0:feishu') as OutboxMessage;
    expect(m.state).toBe('pending');
    expect(m.lastError).toMatch(/no chat port configured for feishu/);
    expect(m.attempts).toBe(0);
    clock.advance(3_600_000);
    await worker.drainOnce();
    expect(failures).toHaveLength(0);
    await settle(worker, outbox, clock);
    expect(failures).toHaveLength(2);
  });

  it('start() polls, notify() wakes it at once, stop() ends it', async () => {
    const outbox = new MemoryOutboxRepo();
    const slack = new FakeChatPort('slack', Date.now);
    const worker = createOutboxWorker({ outbox, ports: { slack }, pollIntervalMs: 60_000 });
    worker.start();
    await new Promise((r) => setTimeout(r, 20));
    outbox.enqueue({ teamId: 1, key: 'k1', platform: 'slack', op: 'send', destination: { kind: 'user', userId: 'U1' }, card: card('k1') }, new Date().toISOString());
    worker.notify();
    for (let i = 0; i < 50 && outbox.byKey('k1')?.state !== 'sent'; i++) await new Promise((r) => setTimeout(r, 10));
    expect(outbox.byKey('k1')?.state).toBe('sent');
    const t = Date.now();
    await worker.stop();
    expect(Date.now() - t).toBeLessThan(1_000);
  });
});

describe('outbox worker lanes', () => {
  it('starts the next message as soon as a lane is free, not when the whole batch is done', async () => {
    // Every send waits until the test releases it.
    const held: Array<{ userId: string; release: () => void }> = [];
    const port: ChatPort = {
      platform: 'slack',
      send: (to) => new Promise((resolve) => held.push({
        userId: to.kind === 'user' ? to.userId : to.channelId,
        release: () => resolve({ platform: 'slack', channel: 'D', messageId: String(held.length) }),
      })),
      update: async () => undefined,
      lookupUserByEmail: async () => null,
    };
    const outbox = new MemoryOutboxRepo();
    const clock = fakeClock();
    fanOut(outbox, clock, 12);
    const worker = createOutboxWorker({ outbox, ports: { slack: port }, clock: clock.now, sleep: clock.sleep, limits: {}, concurrency: 4, batchSize: 4 });
    const drained = worker.drainOnce();
    const until = async (n: number) => { for (let i = 0; i < 100 && held.length < n; i++) await new Promise((r) => setImmediate(r)); };
    await until(4);
    expect(held.map((h) => h.userId)).toEqual(['U0', 'U1', 'U2', 'U3']);
    // One of the first four answers: the fifth goes out while the other three are still in flight.
    held[1]!.release();
    await until(5);
    expect(held.map((h) => h.userId)).toEqual(['U0', 'U1', 'U2', 'U3', 'U4']);
    for (let i = 0; i < 12; i++) {
      await until(Math.min(12, i + 5));
      held[i]!.release();
    }
    for (const h of held) h.release();
    expect(await drained).toEqual({ sent: 12, retried: 0, failed: 0 });
  });

  it('keeps one conversation in order, one message at a time, while other conversations go on', async () => {
    const log: string[] = [];
    const pending = new Map<string, () => void>();
    const port: ChatPort = {
      platform: 'slack',
      send: (to, card) => new Promise((resolve) => {
        const who = to.kind === 'user' ? to.userId : to.channelId;
        log.push(`start ${who} ${card.title}`);
        pending.set(card.title, () => { log.push(`end ${who} ${card.title}`); resolve({ platform: 'slack', channel: who, messageId: card.title }); });
      }),
      update: async () => undefined,
      lookupUserByEmail: async () => null,
    };
    const outbox = new MemoryOutboxRepo();
    const clock = fakeClock();
    const at = clock.now().toISOString();
    for (const [key, user] of [['a1', 'UA'], ['a2', 'UA'], ['b1', 'UB'], ['a3', 'UA']] as const) {
      outbox.enqueue({ teamId: 1, key, platform: 'slack', op: 'send', destination: { kind: 'user', userId: user }, card: card(key) }, at);
    }
    const worker = createOutboxWorker({ outbox, ports: { slack: port }, clock: clock.now, sleep: clock.sleep, limits: {}, concurrency: 4, batchSize: 2 });
    const drained = worker.drainOnce();
    const tick = async () => { for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r)); };
    await tick();
    expect(log).toEqual(['start UA a1', 'start UB b1']);
    for (const title of ['b1', 'a1', 'a2', 'a3']) {
      pending.get(title)!();
      await tick();
    }
    expect(await drained).toEqual({ sent: 4, retried: 0, failed: 0 });
    expect(log.filter((l) => l.includes('UA'))).toEqual(['start UA a1', 'end UA a1', 'start UA a2', 'end UA a2', 'start UA a3', 'end UA a3']);
  });
});

describe('outbox worker pacing by scope', () => {
  async function run(limit: 'conversation' | 'app') {
    const clock = fakeClock();
    const sentTo: string[] = [];
    let refusedOnce = false;
    const port: ChatPort = {
      platform: 'feishu',
      send: async (to) => {
        const who = to.kind === 'user' ? to.userId : to.channelId;
        if (who === 'ou_a' && !refusedOnce) {
          refusedOnce = true;
          throw new ChatDeliveryError('rate_limited', 'im.message.create: rate limited', 10_000, { limit });
        }
        sentTo.push(who);
        return { platform: 'feishu', channel: who, messageId: `om_${sentTo.length}` };
      },
      update: async () => undefined,
      lookupUserByEmail: async () => null,
    };
    const outbox = new MemoryOutboxRepo();
    const at = clock.now().toISOString();
    for (const who of ['ou_a', 'ou_b', 'ou_c']) outbox.enqueue({ teamId: 1, key: `k:${who}`, platform: 'feishu', op: 'send', destination: { kind: 'user', userId: who }, card: card(who) }, at);
    const worker = createOutboxWorker({ outbox, ports: { feishu: port }, clock: clock.now, sleep: clock.sleep, concurrency: 1 });
    const start = clock.ms();
    const result = await worker.drainOnce();
    return { result, sentTo, waitedMs: clock.ms() - start };
  }

  it('a chat\'s own limit (Feishu 230020) holds back only that chat; an app limit holds back everyone', async () => {
    const chat = await run('conversation');
    expect(chat.result).toEqual({ sent: 2, retried: 1, failed: 0 });
    expect(chat.sentTo).toEqual(['ou_b', 'ou_c']);
    expect(chat.waitedMs).toBeLessThan(10_000);
    const app = await run('app');
    expect(app.sentTo).toEqual(['ou_b', 'ou_c']);
    expect(app.waitedMs).toBeGreaterThanOrEqual(10_000);
  });
});

describe('outbox worker thread replies', () => {
  it('posts a reply in the thread of another message once that message is sent, and fails it when that one failed', async () => {
    const clock = fakeClock();
    const calls: Array<{ title: string; threadOf: string | null }> = [];
    const port: ChatPort = {
      platform: 'slack',
      send: async (_to, c, options) => {
        calls.push({ title: c.title, threadOf: options.threadOf?.messageId ?? null });
        if (c.title === 'doomed parent') throw new ChatDeliveryError('permanent', 'channel_not_found');
        return { platform: 'slack', channel: 'C1', messageId: `ts-${c.title}` };
      },
      update: async () => undefined,
      lookupUserByEmail: async () => null,
    };
    const outbox = new MemoryOutboxRepo();
    const at = clock.now().toISOString();
    const to = { kind: 'channel' as const, channelId: 'C1' };
    // The reply is queued first: it must wait for its parent.
    outbox.enqueue({ teamId: 1, key: 'charts', platform: 'slack', op: 'send', destination: to, card: card('charts'), threadOf: 'digest' }, at);
    outbox.enqueue({ teamId: 1, key: 'digest', platform: 'slack', op: 'send', destination: to, card: card('digest') }, at);
    const worker = createOutboxWorker({ outbox, ports: { slack: port }, clock: clock.now, sleep: clock.sleep, limits: {}, concurrency: 1, updateWaitMs: 1_000 });
    expect(await worker.drainOnce()).toEqual({ sent: 1, retried: 1, failed: 0 });
    expect(calls).toEqual([{ title: 'digest', threadOf: null }]);
    clock.advance(1_000);
    expect(await worker.drainOnce()).toEqual({ sent: 1, retried: 0, failed: 0 });
    expect(calls.at(-1)).toEqual({ title: 'charts', threadOf: 'ts-digest' });

    outbox.enqueue({ teamId: 1, key: 'doomed', platform: 'slack', op: 'send', destination: to, card: card('doomed parent') }, clock.now().toISOString());
    outbox.enqueue({ teamId: 1, key: 'orphan', platform: 'slack', op: 'send', destination: to, card: card('orphan'), threadOf: 'doomed' }, clock.now().toISOString());
    await worker.drainOnce();
    expect(outbox.byKey('orphan')).toMatchObject({ state: 'failed', lastError: expect.stringContaining('the message to reply to (doomed) failed') });
    expect(calls.map((c) => c.title)).not.toContain('orphan');
  });
});
