// Straight-from-SQLite views of what the bot stored, for "nothing changed" assertions that do not
// trust the repositories under test.
import type { RunningBot } from '../../../src/runtime/start-bot.js';

export interface DbSnapshot {
  entries: number;
  tasks: Array<{ id: number; state: string; assignee_id: number | null }>;
  taskEvents: number;
  outbox: number;
  inbound: number;
}

export function snapshot(bot: RunningBot): DbSnapshot {
  const db = bot.storage.sqlite!.sqlite;
  const count = (table: string) => (db.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  return {
    entries: count('entries'),
    tasks: db.prepare('select id, state, assignee_id from tasks order by id').all() as DbSnapshot['tasks'],
    taskEvents: count('task_events'),
    outbox: count('outbox'),
    inbound: count('inbound_events'),
  };
}

/** The stored entry of one (week, rep, customer), as the row is in the table. */
export function entryRow(bot: RunningBot, week: string, repId: number, customerId: number): Record<string, unknown> | undefined {
  return bot.storage.sqlite!.sqlite.prepare('select * from entries where week = ? and rep_id = ? and customer_id = ?').get(week, repId, customerId) as
    Record<string, unknown> | undefined;
}
