// The replicas' notice board on PostgreSQL (tables in fleet.schema.ts): each replica says it is alive
// every few seconds and reads back how many are, and the "wait" answers (429) any of them got from a
// platform. Rate-limit budgets are shared through it: each replica paces app-wide scopes at its share of
// the budget, and a pause one replica was told to keep, all keep. One pooled connection, raw SQL, server time.
import pg from 'pg';
import { describePgUrl } from './db.js';

export interface FleetView {
  /** Replicas seen alive within the stale limit, this one included (≥ 1). */
  replicas: number;
  /** Scopes paused right now, with how long each pause still lasts. */
  pauses: Array<{ scope: string; remainingMs: number }>;
}

export interface FleetBoard {
  /** "`owner` is alive": returns who else is (seen within `staleAfterMs`) and the pauses in force. */
  beat(owner: string, staleAfterMs: number): Promise<FleetView>;
  /** A platform said to leave these scopes alone for `ms`: every replica will. */
  pause(scopes: readonly string[], ms: number): Promise<void>;
  /** `owner` stops: the others count one fewer at once, not after the stale limit. */
  leave(owner: string): Promise<void>;
  close(): Promise<void>;
}

/** Rows this old are gone replicas and spent pauses; each beat clears them. */
const FORGET_AFTER = "interval '1 hour'";

export function openFleetBoard(url: string, onError: (err: Error) => void = () => undefined): FleetBoard {
  describePgUrl(url);
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 10_000 });
  pool.on('error', onError);
  return {
    async beat(owner, staleAfterMs) {
      const client = await pool.connect();
      try {
        // Two statements: a query does not see rows its own CTEs write, so the count reads after the beat.
        await client.query(
          `WITH gone AS (DELETE FROM replica_heartbeats WHERE seen_at < clock_timestamp() - ${FORGET_AFTER}),
                spent AS (DELETE FROM rate_pauses WHERE paused_until < clock_timestamp() - ${FORGET_AFTER})
           INSERT INTO replica_heartbeats (owner, seen_at) VALUES ($1, clock_timestamp())
           ON CONFLICT (owner) DO UPDATE SET seen_at = EXCLUDED.seen_at`, [owner]);
        const { rows } = await client.query<{ replicas: number; pauses: Array<{ scope: string; remainingMs: number }> | null }>(
          `SELECT
             (SELECT count(*)::int FROM replica_heartbeats WHERE seen_at > clock_timestamp() - $1 * interval '1 millisecond') AS replicas,
             (SELECT json_agg(json_build_object('scope', scope,
                'remainingMs', ceil(extract(epoch FROM paused_until - clock_timestamp()) * 1000)::int))
              FROM rate_pauses WHERE paused_until > clock_timestamp()) AS pauses`, [staleAfterMs]);
        const row = rows[0]!;
        return { replicas: Math.max(1, row.replicas), pauses: row.pauses ?? [] };
      } finally {
        client.release();
      }
    },
    async pause(scopes, ms) {
      if (scopes.length === 0 || !(ms > 0)) return;
      await pool.query(
        `INSERT INTO rate_pauses (scope, paused_until)
         SELECT s, clock_timestamp() + $2 * interval '1 millisecond' FROM unnest($1::text[]) AS s
         ON CONFLICT (scope) DO UPDATE SET paused_until = GREATEST(rate_pauses.paused_until, EXCLUDED.paused_until)`,
        [scopes, Math.ceil(ms)]);
    },
    async leave(owner) {
      await pool.query('DELETE FROM replica_heartbeats WHERE owner = $1', [owner]);
    },
    close: () => pool.end(),
  };
}
