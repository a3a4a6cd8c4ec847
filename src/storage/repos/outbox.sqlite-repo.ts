// The outbox: every outbound message is written here first (in the caller's transaction), then
// delivered by the delivery loop. Keys are unique, so enqueuing the same intent twice is a no-op.
import { and, asc, desc, eq, gt, gte, lte, ne, or } from 'drizzle-orm';
import type { Statement } from 'better-sqlite3';
import type { CardSpec } from '../../ui/card.js';
import type { Destination, MessageRef } from '../../app/ports/chat.port.js';
import type { EnqueueInput, OutboxClaim, OutboxLease, OutboxMessage, OutboxRepo } from '../../app/ports/delivery.port.js';
import { leaseEnd } from '../outbox-lease.js';
import type { Db } from '../db.js';
import { outbox } from '../schema.js';

type OutboxRow = typeof outbox.$inferSelect;

/** A stored outbox row as the port's message (shared with the PostgreSQL repository). */
export const toMessage = (r: OutboxRow): OutboxMessage => ({
  id: r.id,
  teamId: r.teamId,
  key: r.key,
  platform: r.platform,
  op: r.op,
  destination: JSON.parse(r.destination) as Destination,
  card: JSON.parse(r.card) as CardSpec,
  updateOf: r.updateOf,
  threadOf: r.threadOf,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.nextAttemptAt,
  inFlightSince: r.inFlightSince,
  lastError: r.lastError,
  messageRef: r.messageRef === null ? null : (JSON.parse(r.messageRef) as MessageRef),
  createdAt: r.createdAt,
  sentAt: r.sentAt,
});

/** Clears the lease (a message sent, rescheduled or given up is held by nobody). */
export const NO_LEASE = { leaseOwner: null, leaseUntil: null };

/** A row as raw SQL's RETURNING * gives it (snake_case column names; the same on PostgreSQL). */
export interface RawOutboxRow {
  id: number; team_id: number; key: string; platform: OutboxRow['platform']; op: OutboxRow['op']; destination: string; card: string;
  update_of: string | null; thread_of: string | null; state: OutboxRow['state']; attempts: number; next_attempt_at: string;
  in_flight_since: string | null; last_error: string | null; message_ref: string | null; created_at: string; sent_at: string | null;
}

export const fromRaw = (r: RawOutboxRow): OutboxMessage => toMessage({
  id: r.id, teamId: r.team_id, key: r.key, platform: r.platform, op: r.op, destination: r.destination, card: r.card,
  updateOf: r.update_of, threadOf: r.thread_of, state: r.state, attempts: r.attempts, nextAttemptAt: r.next_attempt_at,
  inFlightSince: r.in_flight_since, lastError: r.last_error, messageRef: r.message_ref, createdAt: r.created_at, sentAt: r.sent_at,
} as OutboxRow);

/** A message queued at `at` as a row to store (its card already serialised). */
export const toNewOutboxRow = (input: EnqueueInput, card: string, at: string) => ({
  teamId: input.teamId, key: input.key, platform: input.platform, op: input.op,
  destination: JSON.stringify(input.destination), card, updateOf: input.updateOf ?? null, threadOf: input.threadOf ?? null,
  state: 'pending' as const, attempts: 0, nextAttemptAt: at, createdAt: at,
});

export class SqliteOutboxRepo implements OutboxRepo {
  // Raw: attempts + 1 and the lease check are one atomic statement.
  private readonly inFlightStmt: Statement;
  private readonly claimStmt: Statement;

  constructor(private readonly db: Db) {
    this.inFlightStmt = db.sqlite.prepare(`UPDATE outbox SET in_flight_since = ?, attempts = attempts + 1, lease_until = ?
      WHERE id = ? AND lease_owner = ? AND state = 'pending'`);
    this.claimStmt = db.sqlite.prepare(`UPDATE outbox SET lease_owner = ?, lease_until = ?
      WHERE id IN (SELECT id FROM outbox WHERE state = 'pending' AND next_attempt_at <= ? AND id > ?
        AND (lease_until IS NULL OR lease_until <= ? OR lease_owner = ?) ORDER BY id LIMIT ?)
      RETURNING *`);
  }

  enqueue(input: EnqueueInput, at: string): boolean {
    const { orm } = this.db;
    const card = JSON.stringify(input.card);
    const inserted = orm.insert(outbox).values(toNewOutboxRow(input, card, at)).onConflictDoNothing({ target: outbox.key }).run();
    if (inserted.changes > 0) return true;
    if (input.op !== 'update') return false;
    // A newer card for a still-pending update replaces the older one (the latest state wins).
    const replaced = orm.update(outbox).set({ card })
      .where(and(eq(outbox.key, input.key), eq(outbox.op, 'update'), eq(outbox.state, 'pending'))).run();
    return replaced.changes > 0;
  }

  /**
   * Pending messages due at `now`, oldest first. Includes messages whose earlier attempt is still
   * marked in flight (`inFlightSince` set): after a crash their outcome is unknown and the delivery
   * loop must check before re-sending.
   */
  due(now: string, limit: number, afterId = 0): OutboxMessage[] {
    return this.db.orm.select().from(outbox)
      .where(and(eq(outbox.state, 'pending'), lte(outbox.nextAttemptAt, now), gt(outbox.id, afterId)))
      .orderBy(asc(outbox.id)).limit(limit).all().map(toMessage);
  }

  claimDue(claim: OutboxClaim): OutboxMessage[] {
    const rows = this.claimStmt.all(claim.owner, leaseEnd(claim.now, claim.leaseMs), claim.dueBy, claim.afterId ?? 0, claim.now, claim.owner, claim.limit) as RawOutboxRow[];
    return rows.map(fromRaw).sort((a, b) => a.id - b.id);
  }

  byKey(key: string): OutboxMessage | null {
    const row = this.db.orm.select().from(outbox).where(eq(outbox.key, key)).get();
    return row ? toMessage(row) : null;
  }

  markInFlight(id: number, at: string, lease: OutboxLease): boolean {
    return this.inFlightStmt.run(at, leaseEnd(at, lease.leaseMs), id, lease.owner).changes > 0;
  }

  markSent(id: number, ref: MessageRef, at: string): void {
    this.db.orm.update(outbox).set({ state: 'sent', messageRef: JSON.stringify(ref), sentAt: at, inFlightSince: null, lastError: null, ...NO_LEASE })
      .where(eq(outbox.id, id)).run();
  }

  latestCard(sendKey: string): CardSpec | null {
    const row = this.db.orm.select({ card: outbox.card }).from(outbox)
      .where(and(or(eq(outbox.key, sendKey), and(eq(outbox.updateOf, sendKey), eq(outbox.op, 'update'))), ne(outbox.state, 'failed')))
      .orderBy(desc(outbox.id)).limit(1).get();
    return row ? (JSON.parse(row.card) as CardSpec) : null;
  }

  newestUpdateId(updateOf: string): number | null {
    const row = this.db.orm.select({ id: outbox.id }).from(outbox)
      .where(and(eq(outbox.updateOf, updateOf), eq(outbox.op, 'update'))).orderBy(desc(outbox.id)).limit(1).get();
    return row?.id ?? null;
  }

  updateMessageRef(key: string, ref: MessageRef): void {
    this.db.orm.update(outbox).set({ messageRef: JSON.stringify(ref) }).where(and(eq(outbox.key, key), eq(outbox.state, 'sent'))).run();
  }

  markRetry(id: number, error: string, nextAttemptAt: string): void {
    this.db.orm.update(outbox).set({ state: 'pending', lastError: error, nextAttemptAt, inFlightSince: null, ...NO_LEASE })
      .where(eq(outbox.id, id)).run();
  }

  markFailed(id: number, error: string, at: string): void {
    this.db.orm.update(outbox).set({ state: 'failed', lastError: error, failedAt: at, inFlightSince: null, ...NO_LEASE })
      .where(eq(outbox.id, id)).run();
  }

  listFailed(teamId: number, since: string): OutboxMessage[] {
    return this.db.orm.select().from(outbox)
      .where(and(eq(outbox.teamId, teamId), eq(outbox.state, 'failed'), gte(outbox.failedAt, since)))
      .orderBy(asc(outbox.id)).all().map(toMessage);
  }
}
