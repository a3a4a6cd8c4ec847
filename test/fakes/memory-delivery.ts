// In-memory OutboxRepo / JobRunRepo / InboundLog that follow src/app/ports/delivery.port.ts (and the
// SQLite repos' documented choices: markInFlight counts the attempt; markRetry/markSent/markFailed
// clear inFlightSince; a claim unfinished for `staleAfterMs` may be taken over).
import type { CardSpec } from '../../src/ui/card.js';
import type { MessageRef } from '../../src/app/ports/chat.port.js';
import type { EnqueueInput, InboundLog, JobRunRepo, OutboxClaim, OutboxLease, OutboxMessage, OutboxRepo } from '../../src/app/ports/delivery.port.js';
import { leaseEnd } from '../../src/storage/outbox-lease.js';

const clone = <T>(v: T): T => structuredClone(v);

export class MemoryOutboxRepo implements OutboxRepo {
  private readonly rows: Array<OutboxMessage & { failedAt: string | null; leaseOwner?: string | null; leaseUntil?: string | null }> = [];
  private nextId = 1;

  enqueue(input: EnqueueInput, at: string): boolean {
    const existing = this.rows.find((r) => r.key === input.key);
    if (existing) {
      if (input.op !== 'update' || existing.op !== 'update' || existing.state !== 'pending') return false;
      existing.card = clone(input.card);
      return true;
    }
    this.rows.push({
      id: this.nextId++, teamId: input.teamId, key: input.key, platform: input.platform, op: input.op,
      destination: clone(input.destination), card: clone(input.card), updateOf: input.updateOf ?? null, threadOf: input.threadOf ?? null,
      state: 'pending', attempts: 0, nextAttemptAt: at, inFlightSince: null, lastError: null,
      messageRef: null, createdAt: at, sentAt: null, failedAt: null,
    });
    return true;
  }

  due(now: string, limit: number, afterId = 0): OutboxMessage[] {
    return this.rows.filter((r) => r.state === 'pending' && r.nextAttemptAt <= now && r.id > afterId).slice(0, limit).map(strip);
  }

  claimDue(claim: OutboxClaim): OutboxMessage[] {
    const free = this.rows.filter((r) => r.state === 'pending' && r.nextAttemptAt <= claim.dueBy && r.id > (claim.afterId ?? 0)
      && (!r.leaseUntil || r.leaseUntil <= claim.now || r.leaseOwner === claim.owner)).slice(0, claim.limit);
    for (const r of free) Object.assign(r, { leaseOwner: claim.owner, leaseUntil: leaseEnd(claim.now, claim.leaseMs) });
    return free.map(strip);
  }

  byKey(key: string): OutboxMessage | null {
    const r = this.rows.find((x) => x.key === key);
    return r ? strip(r) : null;
  }

  markInFlight(id: number, at: string, lease: OutboxLease): boolean {
    const r = this.get(id);
    if (r.state !== 'pending' || r.leaseOwner !== lease.owner) return false;
    r.inFlightSince = at;
    r.attempts += 1;
    r.leaseUntil = leaseEnd(at, lease.leaseMs);
    return true;
  }

  latestCard(sendKey: string): CardSpec | null {
    const rows = this.rows.filter((r) => (r.key === sendKey || (r.op === 'update' && r.updateOf === sendKey)) && r.state !== 'failed');
    const last = rows.sort((a, b) => b.id - a.id)[0];
    return last ? clone(last.card) : null;
  }

  newestUpdateId(updateOf: string): number | null {
    const ids = this.rows.filter((r) => r.op === 'update' && r.updateOf === updateOf).map((r) => r.id);
    return ids.length > 0 ? Math.max(...ids) : null;
  }

  updateMessageRef(key: string, ref: MessageRef): void {
    const m = this.rows.find((r) => r.key === key);
    if (m && m.state === 'sent') m.messageRef = clone(ref);
  }

  markSent(id: number, ref: MessageRef, at: string): void {
    Object.assign(this.get(id), { state: 'sent', messageRef: clone(ref), sentAt: at, inFlightSince: null, lastError: null, leaseOwner: null, leaseUntil: null });
  }

  markRetry(id: number, error: string, nextAttemptAt: string): void {
    Object.assign(this.get(id), { state: 'pending', lastError: error, nextAttemptAt, inFlightSince: null, leaseOwner: null, leaseUntil: null });
  }

  markFailed(id: number, error: string, at: string): void {
    Object.assign(this.get(id), { state: 'failed', lastError: error, failedAt: at, inFlightSince: null, leaseOwner: null, leaseUntil: null });
  }

  listFailed(teamId: number, since: string): OutboxMessage[] {
    return this.rows.filter((r) => r.teamId === teamId && r.state === 'failed' && (r.failedAt ?? '') >= since).map(strip);
  }

  /** Test helper: every row. */
  all(): OutboxMessage[] {
    return this.rows.map(strip);
  }

  private get(id: number) {
    const r = this.rows.find((x) => x.id === id);
    if (!r) throw new Error(`no outbox row ${id}`);
    return r;
  }
}

function strip(r: OutboxMessage & { failedAt: string | null; leaseOwner?: string | null; leaseUntil?: string | null }): OutboxMessage {
  const { failedAt: _failedAt, leaseOwner: _owner, leaseUntil: _until, ...rest } = r;
  return clone(rest);
}

export class MemoryJobRunRepo implements JobRunRepo {
  readonly rows = new Map<string, { startedAt: string; finishedAt: string | null }>();

  constructor(private readonly staleAfterMs = 15 * 60_000) {}

  claim(teamId: number, week: string, step: string, at: string): boolean {
    const k = `${teamId}|${week}|${step}`;
    const r = this.rows.get(k);
    if (r && (r.finishedAt !== null || Date.parse(r.startedAt) >= Date.parse(at) - this.staleAfterMs)) return false;
    this.rows.set(k, { startedAt: at, finishedAt: null });
    return true;
  }

  finish(teamId: number, week: string, step: string, at: string): void {
    const r = this.rows.get(`${teamId}|${week}|${step}`);
    if (r) r.finishedAt = at;
  }

  hasRun(teamId: number, week: string, step: string): boolean {
    return (this.rows.get(`${teamId}|${week}|${step}`)?.finishedAt ?? null) !== null;
  }
}

export class MemoryInboundLog implements InboundLog {
  private readonly seen = new Set<string>();
  firstSeen(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}
