// Inbound log: platform retries and duplicate clicks are processed once. Old keys are pruned as we
// go (platforms retry within minutes; a week of keys is plenty).
import type { Statement } from 'better-sqlite3';
import type { InboundLog } from '../../app/ports/delivery.port.js';
import type { Db } from '../db.js';

const DAY_MS = 86_400_000;

export interface InboundLogOptions {
  /** Keys older than this are forgotten. Default 7 days. */
  retainMs?: number;
  /** Prune at most this often (measured on the `at` timestamps). Default 1 hour. */
  pruneEveryMs?: number;
}

/** When to forget old keys: at most every `pruneEveryMs`, those older than `retainMs` (shared with PostgreSQL's log). */
export class PruneSchedule {
  private readonly retainMs: number;
  private readonly pruneEveryMs: number;
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(options: InboundLogOptions = {}) {
    this.retainMs = options.retainMs ?? 7 * DAY_MS;
    this.pruneEveryMs = options.pruneEveryMs ?? 3_600_000;
  }

  /** At a key recorded at `at`: the cutoff (ISO) to prune before, or null when it is not time yet. */
  cutoff(at: string): string | null {
    const now = Date.parse(at);
    if (!Number.isFinite(now) || now - this.lastPrune < this.pruneEveryMs) return null;
    this.lastPrune = now;
    return new Date(now - this.retainMs).toISOString();
  }
}

export class SqliteInboundLog implements InboundLog {
  private readonly insertStmt: Statement;
  private readonly pruneStmt: Statement;
  private readonly schedule: PruneSchedule;

  constructor(db: Db, options: InboundLogOptions = {}) {
    this.schedule = new PruneSchedule(options);
    this.insertStmt = db.sqlite.prepare('INSERT INTO inbound_events (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');
    this.pruneStmt = db.sqlite.prepare('DELETE FROM inbound_events WHERE at < ?');
  }

  firstSeen(key: string, at: string): boolean {
    const cutoff = this.schedule.cutoff(at);
    if (cutoff !== null) this.prune(cutoff);
    return this.insertStmt.run(key, at).changes > 0;
  }

  /** Extra: forget keys recorded before `before` (ISO). Returns how many were removed. */
  prune(before: string): number {
    return this.pruneStmt.run(before).changes;
  }
}
