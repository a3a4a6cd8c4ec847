// The worker against the real SQLite outbox (in-memory database with the real migrations), so the
// in-memory fake and the SQLite repo cannot drift apart unnoticed.
import { describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../../src/runtime/delivery/outbox-worker.js';
import type { OutboxMessage } from '../../../src/app/ports/delivery.port.js';
import { openDb } from '../../../src/storage/db.js';
import { createRepositories } from '../../../src/storage/repositories.js';
import { card, fakeClock, FakeChatPort, permanent, rateLimited, transient } from './fake-chat-port.js';

describe('outbox worker on SQLite', () => {
  it('fan-out with faults, an update after its send, permanent failures reported once', async () => {
    const clock = fakeClock();
    const db = openDb(':memory:');
    const repos = createRepositories(db);
    const team = repos.teams.ensureTeam({ name: 'East', timezone: 'Asia/Shanghai', locale: 'zh' });
    let n = 0;
    const slack = new FakeChatPort('slack', clock.ms, ({ key, attempt }) => {
      if (key.includes('member:13:')) return { kind: 'error', error: permanent('account_inactive') };
      n++;
      if (attempt > 2) return { kind: 'ok' };
      if (n % 9 === 0) return { kind: 'error', error: rateLimited(2_000) };
      if (n % 7 === 0) return { kind: 'error', error: transient() };
      if (n % 11 === 0) return { kind: 'late', ms: 40 };
      return { kind: 'ok' };
    });
    const failures: OutboxMessage[] = [];
    const worker = createOutboxWorker({
      outbox: repos.outbox, ports: { slack }, clock: clock.now, sleep: clock.sleep, sendTimeoutMs: 20, concurrency: 1,
      onPermanentFailure: (m) => { failures.push(m); },
    });
    const at = clock.now().toISOString();
    for (let i = 0; i < 60; i++) {
      repos.outbox.enqueue({ teamId: team.id, key: `prompt:2026-W10:member:${i}:slack`, platform: 'slack', op: 'send', destination: { kind: 'user', userId: `U${i}` }, card: card(`p${i}`) }, at);
    }
    repos.outbox.enqueue({ teamId: team.id, key: 'prompt:2026-W10:member:0:slack:v2', platform: 'slack', op: 'update', updateOf: 'prompt:2026-W10:member:0:slack', destination: { kind: 'user', userId: 'U0' }, card: card('p0 ✅') }, at);

    const pending = db.sqlite.prepare("SELECT min(next_attempt_at) AS next, count(*) AS n FROM outbox WHERE state = 'pending'");
    for (let round = 0; round < 500; round++) {
      await worker.drainOnce();
      const p = pending.get() as { next: string | null; n: number };
      if (p.n === 0) break;
      clock.set(Math.max(clock.ms(), Date.parse(p.next as string)));
    }
    const states = db.sqlite.prepare('SELECT state, count(*) AS n FROM outbox GROUP BY state ORDER BY state').all();
    expect(states).toEqual([{ state: 'failed', n: 1 }, { state: 'sent', n: 60 }]);
    expect(slack.delivered.size).toBe(59);
    expect([...slack.delivered.values()].every((c) => c === 1)).toBe(true);
    expect(failures.map((m) => [m.key, m.state])).toEqual([['prompt:2026-W10:member:13:slack', 'failed']]);
    expect(repos.outbox.listFailed(team.id, '2026-01-01T00:00:00.000Z')[0]?.lastError).toMatch(/account_inactive/);
    expect(slack.updates.map((u) => [u.ref.messageId, u.card.title])).toEqual([[repos.outbox.byKey('prompt:2026-W10:member:0:slack')?.messageRef?.messageId, 'p0 ✅']]);
    db.close();
  });
});
