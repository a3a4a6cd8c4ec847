// Tables only replicas need, so PostgreSQL alone has them (SQLite serves one process): who is alive,
// and the platforms' "wait" answers every replica must honour. Times are the server's (clock_timestamp()),
// so replicas whose clocks disagree still agree on who is alive and how long a pause lasts.
import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** One row per running replica, refreshed every few seconds; a row gone stale is a replica gone. */
export const replicaHeartbeats = pgTable('replica_heartbeats', {
  owner: text('owner').primaryKey(),
  seenAt: timestamp('seen_at', { withTimezone: true, mode: 'string' }).notNull(),
});

/** A rate-limit scope a platform told some replica to leave alone until `paused_until` (a 429). */
export const ratePauses = pgTable('rate_pauses', {
  scope: text('scope').primaryKey(),
  pausedUntil: timestamp('paused_until', { withTimezone: true, mode: 'string' }).notNull(),
});
