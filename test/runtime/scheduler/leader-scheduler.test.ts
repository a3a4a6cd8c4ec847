// The scheduler among replicas on one PostgreSQL: only the lock holder runs one; when it stops (or dies:
// see test/storage/pg/leader-lock.test.ts for a cut connection) another replica starts its own within
// seconds. On SQLite there is no election.
import { expect, it } from 'vitest';
import { startLeaderScheduler } from '../../../src/runtime/scheduler/leader-scheduler.js';
import type { Scheduler } from '../../../src/runtime/scheduler/scheduler.js';
import { describePg } from '../../support/postgres.js';

const quiet = { info() {}, warn() {} };

function fakeScheduler(name: string, running: Set<string>): () => Scheduler {
  return () => {
    running.add(name);
    const done = Promise.resolve({ ran: [], failed: [] });
    return { ready: done, tick: () => done, stop: async () => { running.delete(name); } };
  };
}

const waitFor = async (what: string, cond: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

it('runs the scheduler at once on SQLite (no database URL: one process)', async () => {
  const running = new Set<string>();
  const s = startLeaderScheduler({ postgresUrl: null, start: fakeScheduler('solo', running), logger: quiet });
  expect(s.isLeader()).toBe(true);
  expect([...running]).toEqual(['solo']);
  await s.stop();
  expect(running.size).toBe(0);
});

describePg('leader scheduler', (db) => {
  it('three replicas: exactly one runs the scheduler; when it stops another takes over', async () => {
    const running = new Set<string>();
    const replicas = ['a', 'b', 'c'].map((name) => ({
      name,
      s: startLeaderScheduler({ postgresUrl: db.url, start: fakeScheduler(name, running), logger: quiet, retryMs: 200 }),
    }));
    try {
      await waitFor('a leader', () => running.size === 1);
      await new Promise((r) => setTimeout(r, 600)); // every follower has tried a few times
      expect(running.size).toBe(1);
      const leader = replicas.find((r) => running.has(r.name))!;
      expect(leader.s.isLeader()).toBe(true);
      expect(replicas.filter((r) => r.s.isLeader())).toHaveLength(1);

      await leader.s.stop();
      await waitFor('a new leader', () => running.size === 1, 5_000);
      const next = replicas.find((r) => running.has(r.name))!;
      expect(next.name).not.toBe(leader.name);
      await new Promise((r) => setTimeout(r, 400));
      expect(running.size).toBe(1);
    } finally {
      for (const r of replicas) await r.s.stop();
    }
    expect(running.size).toBe(0);
  });
});
