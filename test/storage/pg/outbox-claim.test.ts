// Outbox claims by several replicas at once on a real PostgreSQL (PgOutboxRepo.claimDue: a lease taken
// with FOR UPDATE SKIP LOCKED): concurrent claimers never get the same row, every due row is claimed once.
import { expect, it } from 'vitest';
import { openPgDb } from '../../../src/storage/pg/db.js';
import { PgOutboxRepo } from '../../../src/storage/pg/repos/outbox.pg-repo.js';
import { describePg } from '../../support/postgres.js';

describePg('outbox claims by four replicas', (pg) => {
  it('get every due row exactly once, in batches, and leave rows not yet due alone', async () => {
    const dbs = await Promise.all([0, 1, 2, 3].map(() => openPgDb(pg.url, { max: 2 })));
    try {
      const [teamRow] = await dbs[0]!.query<{ id: number }>("INSERT INTO teams (name, timezone, locale, created_at) VALUES ('T', 'UTC', 'en', '2026-01-01T00:00:00Z') RETURNING id");
      const queue = (prefix: string, n: number, due: string) => dbs[0]!.execute(`INSERT INTO outbox (team_id, key, platform, op, destination, card, state, next_attempt_at, created_at)
        SELECT $1, $2 || g, 'slack', 'send', '{}', '{}', 'pending', $3, $3 FROM generate_series(1, $4) g`, [teamRow!.id, prefix, due, n]);
      await queue('fan:', 500, '2026-10-01T08:00:00.000Z');
      await queue('later:', 5, '2026-10-02T00:00:00.000Z');
      const now = '2026-10-01T09:00:00.000Z';
      const claimed = await Promise.all(dbs.map(async (db, i) => {
        const outbox = new PgOutboxRepo(db);
        const mine: number[] = [];
        // Past its own last claim (a worker also gets back what it holds itself, e.g. after a restart).
        for (let afterId = 0; ;) {
          const batch = await outbox.claimDue({ owner: `replica-${i}`, leaseMs: 60_000, dueBy: now, now, limit: 7, afterId });
          if (batch.length === 0) return mine;
          mine.push(...batch.map((m) => m.id));
          afterId = batch[batch.length - 1]!.id;
        }
      }));
      const all = claimed.flat();
      expect(all.length).toBe(500);
      expect(new Set(all).size).toBe(500);
      expect(claimed.filter((ids) => ids.length > 0).length).toBeGreaterThanOrEqual(2);
      const held = await dbs[0]!.query<{ owner: string; n: number }>(
        "SELECT lease_owner AS owner, count(*)::int AS n FROM outbox WHERE key LIKE 'fan:%' GROUP BY lease_owner ORDER BY lease_owner");
      expect(held.map((h) => h.n)).toEqual(claimed.map((ids) => ids.length).filter((n) => n > 0));
      expect(await dbs[0]!.query("SELECT count(*)::int AS n FROM outbox WHERE key LIKE 'later:%' AND lease_owner IS NULL")).toEqual([{ n: 5 }]);
    } finally {
      await Promise.all(dbs.map((d) => d.close()));
    }
  });
});
