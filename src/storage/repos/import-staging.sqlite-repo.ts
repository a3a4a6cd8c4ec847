// The staging area of one import: a private temporary database ATTACHed to the connection (an empty file
// name: SQLite keeps it in a temp file that vanishes on DETACH, spilling to disk, so memory stays bounded).
// Writing to it locks only it, never the book: the bot keeps saving forms while a 150k-record file is read
// and validated. Applying is set-based (INSERT … SELECT upserts over ranges of the staged rows, one for the
// report rows), each call inside one of the caller's short write transactions.
import type { Statement } from 'better-sqlite3';
import type { ImportApplyResult, ImportStaging, NewCustomer, StagedEntry } from '../../app/ports/repositories.port.js';
import { cleanName, normalizeName } from '../../core/team.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Db } from '../db.js';
import { customParam, VALUE_COLUMNS, valueParams } from './report.sqlite-repo.js';

let serial = 0;

export class SqliteImportStaging implements ImportStaging {
  private readonly schema: string;
  private readonly insert: Statement;
  private open = true;

  constructor(private readonly db: Db) {
    this.schema = `radar_import_${process.pid}_${++serial}`;
    const s = db.sqlite;
    s.prepare(`ATTACH DATABASE '' AS ${this.schema}`).run();
    s.exec(`CREATE TABLE ${this.schema}.staged (seq INTEGER PRIMARY KEY, week TEXT NOT NULL, rep_key TEXT NOT NULL,
      customer_key TEXT NOT NULL, ${VALUE_COLUMNS.join(', ')}, custom TEXT, has_custom INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE ${this.schema}.reps (key TEXT PRIMARY KEY, id INTEGER NOT NULL);
      CREATE TABLE ${this.schema}.customers (key TEXT PRIMARY KEY, id INTEGER NOT NULL);`);
    this.insert = s.prepare(`INSERT INTO ${this.schema}.staged (week, rep_key, customer_key, ${VALUE_COLUMNS.join(', ')}, custom, has_custom)
      VALUES (${Array(5 + VALUE_COLUMNS.length).fill('?').join(', ')})`);
  }

  add(rows: readonly StagedEntry[]): void {
    // A deferred transaction that writes only the attached database: no lock on the book.
    this.db.sqlite.transaction(() => {
      for (const r of rows) this.insert.run(r.week, r.repKey, r.customerKey, ...valueParams(r.values), customParam(r.custom), r.custom ? 1 : 0);
    }).deferred();
  }

  seqRange(): { from: number; to: number } | null {
    const r = this.db.sqlite.prepare(`SELECT min(seq) AS a, max(seq) AS b FROM ${this.schema}.staged`).get() as { a: number | null; b: number | null };
    return r.a === null || r.b === null ? null : { from: r.a, to: r.b };
  }

  setIds(repIds: ReadonlyMap<string, number>, customerIds: ReadonlyMap<string, number>): void {
    const s = this.db.sqlite;
    const x = this.schema;
    s.exec(`DELETE FROM ${x}.reps; DELETE FROM ${x}.customers;`);
    const rep = s.prepare(`INSERT INTO ${x}.reps (key, id) VALUES (?, ?)`);
    for (const [key, id] of repIds) rep.run(key, id);
    const customer = s.prepare(`INSERT INTO ${x}.customers (key, id) VALUES (?, ?)`);
    for (const [key, id] of customerIds) customer.run(key, id);
  }

  apply(teamId: number, now: string, seq: { from: number; to: number }): ImportApplyResult {
    const s = this.db.sqlite;
    const x = this.schema;
    const staged = s.prepare(`SELECT count(*) FROM ${x}.staged WHERE seq BETWEEN ? AND ?`).pluck().get(seq.from, seq.to) as number;
    const maxId = (s.prepare('SELECT coalesce(max(id), 0) FROM main.entries').pluck().get() as number);
    const changed = [...VALUE_COLUMNS.map((c) => `${c} IS NOT excluded.${c}`), 'team_id IS NOT excluded.team_id', 'custom IS NOT excluded.custom'].join(' OR ');
    // Sorted like the indexes (fewer page splits); seq last, so a later duplicate of (week, rep, customer) still wins.
    // RETURNING lists exactly the rows inserted or changed (an identical upsert is skipped by its WHERE).
    // A record without custom columns keeps the stored custom values (read by the unique index).
    const upsert = s.prepare(
      `INSERT INTO main.entries (team_id, week, rep_id, customer_id, ${VALUE_COLUMNS.join(', ')}, source, updated_at, custom)
       SELECT ?, s.week, r.id, c.id, ${VALUE_COLUMNS.map((col) => `s.${col}`).join(', ')}, 'import', ?,
         CASE WHEN s.has_custom THEN s.custom ELSE e.custom END
       FROM ${x}.staged s JOIN ${x}.reps r ON r.key = s.rep_key JOIN ${x}.customers c ON c.key = s.customer_key
       LEFT JOIN main.entries e ON e.week = s.week AND e.rep_id = r.id AND e.customer_id = c.id
       WHERE s.seq BETWEEN ? AND ? ORDER BY s.week, c.id, r.id, s.seq
       ON CONFLICT (week, rep_id, customer_id) DO UPDATE SET
         team_id = excluded.team_id, ${VALUE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')},
         source = excluded.source, updated_at = excluded.updated_at, custom = excluded.custom
       WHERE ${changed}
       RETURNING id, week`,
    ).raw(true);
    const inserted = new Set<number>();
    let touched = 0;
    let earliestChange: WeekId | null = null;
    for (const [id, week] of upsert.iterate(teamId, now, seq.from, seq.to) as Iterable<[number, WeekId]>) {
      touched += 1;
      if (id > maxId) inserted.add(id);
      if (earliestChange === null || week < earliestChange) earliestChange = week;
    }
    return { inserted: inserted.size, updated: touched - inserted.size, unchanged: staged - touched, earliestChange };
  }

  markSubmitted(teamId: number, now: string): void {
    const x = this.schema;
    this.db.sqlite.prepare(
      `INSERT INTO main.reports (team_id, week, rep_id, submitted_at, late)
       SELECT DISTINCT ?, s.week, r.id, ?, 0 FROM ${x}.staged s JOIN ${x}.reps r ON r.key = s.rep_key WHERE true
       ON CONFLICT (team_id, week, rep_id) DO UPDATE SET submitted_at = excluded.submitted_at, late = 0
       WHERE reports.submitted_at IS NULL`,
    ).run(teamId, now);
  }

  insertCustomers(teamId: number, rows: ReadonlyArray<NewCustomer>): Map<string, number> {
    const insert = this.db.sqlite.prepare(
      `INSERT INTO main.customers (team_id, name, name_key, aliases, owner_rep_id, industry, region, tier, since)
       VALUES (?, ?, ?, '[]', ?, ?, ?, ?, ?) RETURNING id`,
    ).pluck(true);
    const ids = new Map<string, number>();
    for (const r of rows) {
      const name = cleanName(r.name);
      ids.set(r.key, insert.get(teamId, name, normalizeName(name), r.ownerRepId, r.industry, r.region, r.tier, r.since) as number);
    }
    return ids;
  }

  clear(): void {
    this.db.sqlite.exec(`DELETE FROM ${this.schema}.staged`);
  }

  close(): void {
    if (!this.open || !this.db.sqlite.open) return;
    this.open = false;
    this.db.sqlite.prepare(`DETACH DATABASE ${this.schema}`).run();
  }
}
