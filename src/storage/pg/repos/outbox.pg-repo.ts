// The outbox on PostgreSQL (the async OutboxRepo port), drained by N bot replicas at once. A claim takes
// due pending rows that nobody holds and leases them to its worker in one statement; `FOR UPDATE SKIP
// LOCKED` makes concurrent claimers skip the rows another one is taking right now instead of waiting for
// it, so each message is held by one worker at a time. A worker that dies leaves its lease to run out;
// then another takes the message over (its earlier attempt's outcome is unknown: `inFlightSince` says so
// and the delivery loop checks before sending again, as on SQLite). Rows and codecs are SQLite's.
import { and, asc, desc, eq, gt, gte, lte, ne, or } from 'drizzle-orm';
import type { CardSpec } from '../../../ui/card.js';
import type { MessageRef } from '../../../app/ports/chat.port.js';
import type { EnqueueInput, OutboxClaim, OutboxLease, OutboxMessage } from '../../../app/ports/delivery.port.js';
import type { AsyncOutboxRepo } from '../../../app/ports/async.port.js';
import { leaseEnd } from '../../outbox-lease.js';
import type { PgDb } from '../db.js';
import { outbox } from '../schema.js';
import { fromRaw, NO_LEASE, toMessage, toNewOutboxRow, type RawOutboxRow } from '../../repos/outbox.sqlite-repo.js';

export class PgOutboxRepo implements AsyncOutboxRepo {
  constructor(private readonly db: PgDb) {}

  async enqueue(input: EnqueueInput, at: string): Promise<boolean> {
    const { orm } = this.db;
    const card = JSON.stringify(input.card);
    const inserted = await orm.insert(outbox).values(toNewOutboxRow(input, card, at)).onConflictDoNothing({ target: outbox.key }).returning({ id: outbox.id });
    if (inserted.length > 0) return true;
    if (input.op !== 'update') return false;
    // A newer card for a still-pending update replaces the older one (the latest state wins).
    const replaced = await orm.update(outbox).set({ card })
      .where(and(eq(outbox.key, input.key), eq(outbox.op, 'update'), eq(outbox.state, 'pending'))).returning({ id: outbox.id });
    return replaced.length > 0;
  }

  async due(now: string, limit: number, afterId = 0): Promise<OutboxMessage[]> {
    const rows = await this.db.orm.select().from(outbox)
      .where(and(eq(outbox.state, 'pending'), lte(outbox.nextAttemptAt, now), gt(outbox.id, afterId)))
      .orderBy(asc(outbox.id)).limit(limit);
    return rows.map(toMessage);
  }

  async claimDue(claim: OutboxClaim): Promise<OutboxMessage[]> {
    const rows = await this.db.query<RawOutboxRow>(
      `WITH picked AS (
         SELECT id FROM outbox
         WHERE state = 'pending' AND next_attempt_at <= $3 AND id > $4
           AND (lease_until IS NULL OR lease_until <= $5 OR lease_owner = $1)
         ORDER BY id LIMIT $6
         FOR UPDATE SKIP LOCKED)
       UPDATE outbox o SET lease_owner = $1, lease_until = $2 FROM picked WHERE o.id = picked.id
       RETURNING o.*`,
      [claim.owner, leaseEnd(claim.now, claim.leaseMs), claim.dueBy, claim.afterId ?? 0, claim.now, claim.limit], { name: 'outbox_claim_due' });
    return rows.map(fromRaw).sort((a, b) => a.id - b.id);
  }

  async byKey(key: string): Promise<OutboxMessage | null> {
    const [row] = await this.db.orm.select().from(outbox).where(eq(outbox.key, key));
    return row ? toMessage(row) : null;
  }

  async markInFlight(id: number, at: string, lease: OutboxLease): Promise<boolean> {
    // Counting the attempt and checking the lease are one statement: a worker whose lease was taken over
    // changes nothing and must not send.
    const n = await this.db.execute(
      `UPDATE outbox SET in_flight_since = $1, attempts = attempts + 1, lease_until = $2
       WHERE id = $3 AND lease_owner = $4 AND state = 'pending'`,
      [at, leaseEnd(at, lease.leaseMs), id, lease.owner], { name: 'outbox_in_flight' });
    return n > 0;
  }

  async markSent(id: number, ref: MessageRef, at: string): Promise<void> {
    await this.db.orm.update(outbox).set({ state: 'sent', messageRef: JSON.stringify(ref), sentAt: at, inFlightSince: null, lastError: null, ...NO_LEASE })
      .where(eq(outbox.id, id));
  }

  async latestCard(sendKey: string): Promise<CardSpec | null> {
    const [row] = await this.db.orm.select({ card: outbox.card }).from(outbox)
      .where(and(or(eq(outbox.key, sendKey), and(eq(outbox.updateOf, sendKey), eq(outbox.op, 'update'))), ne(outbox.state, 'failed')))
      .orderBy(desc(outbox.id)).limit(1);
    return row ? (JSON.parse(row.card) as CardSpec) : null;
  }

  async newestUpdateId(updateOf: string): Promise<number | null> {
    const [row] = await this.db.orm.select({ id: outbox.id }).from(outbox)
      .where(and(eq(outbox.updateOf, updateOf), eq(outbox.op, 'update'))).orderBy(desc(outbox.id)).limit(1);
    return row?.id ?? null;
  }

  async updateMessageRef(key: string, ref: MessageRef): Promise<void> {
    await this.db.orm.update(outbox).set({ messageRef: JSON.stringify(ref) }).where(and(eq(outbox.key, key), eq(outbox.state, 'sent')));
  }

  async markRetry(id: number, error: string, nextAttemptAt: string): Promise<void> {
    await this.db.orm.update(outbox).set({ state: 'pending', lastError: error, nextAttemptAt, inFlightSince: null, ...NO_LEASE }).where(eq(outbox.id, id));
  }

  async markFailed(id: number, error: string, at: string): Promise<void> {
    await this.db.orm.update(outbox).set({ state: 'failed', lastError: error, failedAt: at, inFlightSince: null, ...NO_LEASE }).where(eq(outbox.id, id));
  }

  async listFailed(teamId: number, since: string): Promise<OutboxMessage[]> {
    const rows = await this.db.orm.select().from(outbox)
      .where(and(eq(outbox.teamId, teamId), eq(outbox.state, 'failed'), gte(outbox.failedAt, since)))
      .orderBy(asc(outbox.id));
    return rows.map(toMessage);
  }
}
