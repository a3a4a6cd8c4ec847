// One leader among replicas on a real PostgreSQL: the advisory lock is held by one contender; when the
// holder's connection is killed (pg_terminate_backend, as when its process dies) another takes over
// within seconds; stopping releases it at once.
import pg from 'pg';
import { expect, it } from 'vitest';
import { startLeaderLock, type LeaderLock } from '../../../src/storage/pg/leader-lock.js';
import { describePg } from '../../support/postgres.js';

const waitFor = async (what: string, cond: () => boolean, ms = 10_000) => {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

describePg('leader lock', (db) => {
  it('two contenders: one leads; killing its connection hands the lock to the other within seconds', async () => {
    const changes: string[] = [];
    const a = startLeaderLock(db.url, { name: 'scheduler-test', retryMs: 300, onChange: (l) => changes.push(`a:${l}`) });
    await a.whenLeader();
    const b = startLeaderLock(db.url, { name: 'scheduler-test', retryMs: 300, onChange: (l) => changes.push(`b:${l}`) });
    const locks: LeaderLock[] = [a, b];
    try {
      await waitFor('b to connect and try', () => b.backendPid() !== null);
      await new Promise((r) => setTimeout(r, 700)); // b has tried at least twice
      expect([a.isLeader(), b.isLeader()]).toEqual([true, false]);

      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      const killed = a.backendPid();
      const t = Date.now();
      expect((await admin.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [killed])).rows[0]!.ok).toBe(true);
      await waitFor('b to lead', () => b.isLeader(), 5000);
      const tookMs = Date.now() - t;
      expect(tookMs).toBeLessThan(3000);
      expect(a.isLeader()).toBe(false);
      // The lock is held by exactly one session: b's.
      const holders = await admin.query<{ pid: number }>("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted");
      expect(holders.rows.map((r) => r.pid)).toEqual([b.backendPid()]);
      await admin.end();
      expect(changes).toEqual(['a:true', 'a:false', 'b:true']);
      // a keeps contending (reconnected) without taking the lock from b.
      await waitFor('a to reconnect', () => a.backendPid() !== null && a.backendPid() !== killed);
      await new Promise((r) => setTimeout(r, 700));
      expect([a.isLeader(), b.isLeader()]).toEqual([false, true]);

      // Stopping the leader releases the lock at once: a takes it at its next try.
      await b.stop();
      await waitFor('a to lead again', () => a.isLeader(), 3000);
    } finally {
      for (const l of locks) await l.stop();
    }
  });

  it('different lock names do not exclude each other', async () => {
    const x = startLeaderLock(db.url, { name: 'x', retryMs: 200 });
    const y = startLeaderLock(db.url, { name: 'y', retryMs: 200 });
    try {
      await Promise.all([x.whenLeader(), y.whenLeader()]);
      expect([x.isLeader(), y.isLeader()]).toEqual([true, true]);
    } finally {
      await x.stop();
      await y.stop();
    }
  });
});
