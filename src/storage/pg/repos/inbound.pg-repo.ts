// The inbound log on PostgreSQL: a platform retry or a duplicate click is processed once, whichever
// replica receives it (the key's primary key decides, in one statement).
import type { AsyncInboundLog } from '../../../app/ports/async.port.js';
import type { PgDb } from '../db.js';
import { PruneSchedule, type InboundLogOptions } from '../../repos/inbound.sqlite-repo.js';

export class PgInboundLog implements AsyncInboundLog {
  private readonly schedule: PruneSchedule;

  constructor(private readonly db: PgDb, options: InboundLogOptions = {}) {
    this.schedule = new PruneSchedule(options);
  }

  async firstSeen(key: string, at: string): Promise<boolean> {
    const cutoff = this.schedule.cutoff(at);
    if (cutoff !== null) await this.prune(cutoff);
    const n = await this.db.execute('INSERT INTO inbound_events (key, at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, at], { name: 'inbound_first_seen' });
    return n > 0;
  }

  /** Extra: forget keys recorded before `before` (ISO). Returns how many were removed. */
  async prune(before: string): Promise<number> {
    return this.db.execute('DELETE FROM inbound_events WHERE at < $1', [before]);
  }
}
