// Outbox claims with a lease on a real PostgreSQL: concurrent claimers never get the same row, every
// due row is claimed once, and a row whose claimer died is taken over only after its lease ran out.
import { beforeAll, expect, it } from 'vitest';
import { openPgDb, type PgDb } from '../../../src/storage/pg/db.js';
import { claimDueOutbox } from '../../../src/storage/pg/outbox-claim.js';
import { describePg } from '../../support/postgres.js';

describePg('outbox claim with a lease', (pg) => {
  let teamId = 0;
  beforeAll(async () => {
    const db = await openPgDb(pg.url);
    teamId = (await db.query<{ id: number }>("INSERT INTO teams (name, timezone, locale, created_at) VALUES ('T', 'UTC', 'en', '2026-01-01T00:00:00Z') RETURNING id"))[0]!.id;
    await db.close();
  });

  async function queue(db: PgDb, prefix: string, n: number, due = '2026-10-01T08:00:00.000Z') {
    await db.execute(`INSERT INTO outbox (team_id, key, platform, op, destination, card, state, next_attempt_at, created_at)
      SELECT $1, $2 || g, 'memo', 'send', '{}', '{}', 'pending', $3, $3 FROM generate_series(1, $4) g`, [teamId, prefix, due, n]);
  }

  it('four replicas claiming at once, in batches, get every due row exactly once', async () => {
    const dbs = await Promise.all([0, 1, 2, 3].map(() => openPgDb(pg.url, { max: 2 })));
    try {
      await queue(dbs[0]!, 'fan:', 500);
      await queue(dbs[0]!, 'later:', 5, '2026-10-02T00:00:00.000Z');
      const now = '2026-10-01T09:00:00.000Z';
      const claimed = await Promise.all(dbs.map(async (db) => {
        const mine: number[] = [];
        for (;;) {
          const batch = await claimDueOutbox(db, { now, limit: 7, leaseMs: 60_000 });
          if (batch.length === 0) return mine;
          mine.push(...batch.map((r) => r.id));
        }
      }));
      const all = claimed.flat();
      expect(all.length).toBe(500);
      expect(new Set(all).size).toBe(500);
      expect(claimed.filter((ids) => ids.length > 0).length).toBeGreaterThanOrEqual(2);
      const rows = await dbs[0]!.query<{ n: number; attempts: number }>(
        "SELECT count(*)::int AS n, max(attempts)::int AS attempts FROM outbox WHERE key LIKE 'fan:%' AND in_flight_since = $1", [now]);
      expect(rows).toEqual([{ n: 500, attempts: 1 }]);
      // Not due yet: untouched.
      expect(await dbs[0]!.query("SELECT count(*)::int AS n FROM outbox WHERE key LIKE 'later:%' AND in_flight_since IS NULL")).toEqual([{ n: 5 }]);
    } finally {
      await Promise.all(dbs.map((d) => d.close()));
    }
  });

  it('a claimed row is held for its lease, then taken over (with the earlier attempt reported)', async () => {
    const db = await openPgDb(pg.url);
    try {
      await db.execute("UPDATE outbox SET state = 'sent', in_flight_since = NULL");
      await queue(db, 'lease:', 1);
      const first = await claimDueOutbox(db, { now: '2026-10-01T09:00:00.000Z', limit: 10, leaseMs: 60_000 });
      expect(first.map((r) => [r.key, r.attempts, r.previousInFlightSince])).toEqual([['lease:1', 1, null]]);
      expect(await claimDueOutbox(db, { now: '2026-10-01T09:00:59.000Z', limit: 10, leaseMs: 60_000 })).toEqual([]);
      const over = await claimDueOutbox(db, { now: '2026-10-01T09:01:00.000Z', limit: 10, leaseMs: 60_000 });
      expect(over.map((r) => [r.key, r.attempts, r.previousInFlightSince])).toEqual([['lease:1', 2, '2026-10-01T09:00:00.000Z']]);
      // Sent rows are never claimed.
      await db.execute("UPDATE outbox SET state = 'sent', in_flight_since = NULL WHERE key = 'lease:1'");
      expect(await claimDueOutbox(db, { now: '2026-10-01T10:00:00.000Z', limit: 10, leaseMs: 60_000 })).toEqual([]);
    } finally {
      await db.close();
    }
  });
});
