// Outbox rows claimed with a lease, for N delivery replicas on one PostgreSQL: a claim takes due pending
// rows that nobody holds (`FOR UPDATE SKIP LOCKED`: rows another claimer is locking right now are
// skipped, not waited for) and stamps them in flight (in_flight_since = now, one more attempt). A row
// stays claimed for `leaseMs`: the claimer sends it and marks it sent / retry / failed (which clears
// in_flight_since). A claimer that dies mid-send leaves the row in flight; once the lease has run out
// another replica claims it again (its outcome is unknown, so the delivery loop checks before
// re-sending, as on SQLite). Each message is thus handed to one replica at a time.
import type { PgDb } from './db.js';

export interface ClaimedOutboxRow {
  id: number;
  key: string;
  teamId: number;
  platform: string;
  attempts: number;
  /** The previous attempt's start when an expired lease was taken over (its outcome unknown), else null. */
  previousInFlightSince: string | null;
}

export interface ClaimOptions {
  /** ISO timestamp: rows due at or before it. */
  now: string;
  limit: number;
  /** How long a claim holds before another replica may take the row over. */
  leaseMs: number;
}

export async function claimDueOutbox(db: PgDb, options: ClaimOptions): Promise<ClaimedOutboxRow[]> {
  const expired = new Date(Date.parse(options.now) - options.leaseMs).toISOString();
  const rows = await db.query<Row>(
    `WITH picked AS (
       SELECT id, in_flight_since FROM outbox
       WHERE state = 'pending' AND next_attempt_at <= $1 AND (in_flight_since IS NULL OR in_flight_since <= $2)
       ORDER BY id LIMIT $3
       FOR UPDATE SKIP LOCKED)
     UPDATE outbox o SET in_flight_since = $1, attempts = o.attempts + 1
     FROM picked WHERE o.id = picked.id
     RETURNING o.id, o.key, o.team_id, o.platform, o.attempts, picked.in_flight_since`,
    [options.now, expired, options.limit], { array: true, name: 'outbox_claim' });
  return rows.map((r) => ({
    id: r[0] as number, key: r[1] as string, teamId: r[2] as number, platform: r[3] as string, attempts: r[4] as number, previousInFlightSince: r[5] as string | null,
  })).sort((a, b) => a.id - b.id);
}

type Row = unknown[];
