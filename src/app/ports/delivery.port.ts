// Storage the weekly cycle needs: the outbox (every outbound message), job runs (each scheduled step
// at most once) and the inbound log (platform retries and duplicate clicks processed once).
import type { CardSpec } from '../../ui/card.js';
import type { Destination, MessageRef, Platform } from './chat.port.js';

export type OutboxState = 'pending' | 'sent' | 'failed';

export interface OutboxMessage {
  id: number;
  teamId: number;
  /** Our idempotency key, unique: e.g. `prompt:2026-W48:member:12:slack`. */
  key: string;
  platform: Platform;
  /** 'send' posts a new message; 'update' replaces the message of `updateOf` (an outbox key). */
  op: 'send' | 'update';
  destination: Destination;
  card: CardSpec;
  /** For op 'update': the key of the earlier send whose message to replace. */
  updateOf: string | null;
  /** For op 'send': post in the thread of the message sent under this key (waits until it is sent). */
  threadOf?: string | null;
  state: OutboxState;
  attempts: number;
  /** ISO timestamp before which no attempt is made. */
  nextAttemptAt: string;
  /** Set when an attempt started and its outcome is unknown (crash/timeout after sending). */
  inFlightSince: string | null;
  lastError: string | null;
  messageRef: MessageRef | null;
  createdAt: string;
  sentAt: string | null;
}

/** What a caller queues: the message's content and address; delivery state is the outbox's. */
export type EnqueueInput = Pick<OutboxMessage, 'teamId' | 'key' | 'platform' | 'op' | 'destination' | 'card'> & {
  updateOf?: string | null;
  threadOf?: string | null;
};

/** Who holds claimed messages, and for how long a claim or an attempt holds before another worker may take it. */
export interface OutboxLease {
  owner: string;
  leaseMs: number;
}

export interface OutboxClaim extends OutboxLease {
  dueBy: string;
  now: string;
  limit: number;
  afterId?: number;
}

export interface OutboxRepo {
  /**
   * Add a message unless one with the same key exists (then nothing changes and false is returned).
   * For op 'update', a newer card for the same key replaces a still-pending one.
   */
  enqueue(input: EnqueueInput, at: string): boolean;
  /** Pending messages due at `now`, oldest first; with `afterId`, only those queued after that one. */
  due(now: string, limit: number, afterId?: number): OutboxMessage[];
  /**
   * Take up to `limit` pending messages due by `dueBy` (ids above `afterId`, oldest first) that no other
   * delivery worker holds (no lease, its lease ran out by `now`, or it is `owner`'s own from before a restart),
   * each leased to `owner` until now + leaseMs. Several bot replicas drain one outbox this way: a message is
   * held by one worker at a time, and one whose worker died is taken over once its lease runs out.
   */
  claimDue(claim: OutboxClaim): OutboxMessage[];
  byKey(key: string): OutboxMessage | null;
  /**
   * Start an attempt of a message leased to `lease.owner`: count it, record that its outcome is not yet known
   * and renew the lease. False when the lease was lost (another worker took the message over): do not send.
   */
  markInFlight(id: number, at: string, lease: OutboxLease): boolean;
  markSent(id: number, ref: MessageRef, at: string): void;
  /** The card the message sent under `sendKey` shows or is about to show: its newest update's (not failed), else its own. */
  latestCard(sendKey: string): CardSpec | null;
  /** Id of the newest update queued for the message sent under `updateOf`, or null. */
  newestUpdateId(updateOf: string): number | null;
  /** The sent message of `key` changed shape (an update added or retired continuation parts). */
  updateMessageRef(key: string, ref: MessageRef): void;
  /** Schedule another attempt (and release the lease). */
  markRetry(id: number, error: string, nextAttemptAt: string): void;
  /** Give up on the message (and release the lease). */
  markFailed(id: number, error: string, at: string): void;
  listFailed(teamId: number, since: string): OutboxMessage[];
}

export interface JobRunRepo {
  /** Claim (team, week, step) for running. False if it already ran or is running. */
  claim(teamId: number, week: string, step: string, at: string): boolean;
  finish(teamId: number, week: string, step: string, at: string): void;
  hasRun(teamId: number, week: string, step: string): boolean;
}

export interface InboundLog {
  /** Record a platform event/interaction key; true the first time, false for a duplicate. */
  firstSeen(key: string, at: string): boolean;
}
