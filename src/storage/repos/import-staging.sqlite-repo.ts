// The staging area of one import: a private temporary database ATTACHed to the connection (an empty file
// name: SQLite keeps it in a temp file that vanishes on DETACH, spilling to disk, so memory stays bounded).
// Writing to it locks only it, never the book: the bot keeps saving forms while a 150k-record file is read
// and validated. Applying is set-based (INSERT … SELECT upserts over ranges of the staged rows, one for the
// report rows), each call inside one of the caller's short write transactions. Reps and customers are
// staged by number (integer keys: the joins at apply time are rowid lookups), each number standing for
// one (team, rep) or (team, customer) of the file.
import type { Statement } from 'better-sqlite3';
import type { ImportApplyResult, ImportStaging, NewCustomer, StagedEntry } from '../../app/ports/repositories.port.js';
import { cleanName, normalizeName } from '../../core/team.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { Db } from '../db.js';
import { customParam, VALUE_COLUMNS } from './report.sqlite-repo.js';

let serial = 0;

const VALUES = VALUE_COLUMNS.join(', ');
/** Parameters of one staged row: week, rep, customer, the values, custom, has_custom, carried. */
const STAGED_PARAMS = 6 + VALUE_COLUMNS.length;
const ROWS_PER_INSERT = 32;

export class SqliteImportStaging implements ImportStaging {
  private readonly schema: string;
  private readonly insert: Statement;
  /** The same for ROWS_PER_INSERT rows at once (one statement step per group, not per row). */
  private readonly insertMany: Statement;
  private readonly upserts = new Map<boolean, Statement>();
  private open = true;
  /** The connection's wal_autocheckpoint before the writes (restored on close). */
  private checkpointPages: number | null = null;

  constructor(private readonly db: Db) {
    this.schema = `radar_import_${process.pid}_${++serial}`;
    const s = db.sqlite;
    s.prepare(`ATTACH DATABASE '' AS ${this.schema}`).run();
    s.exec(`CREATE TABLE ${this.schema}.staged (seq INTEGER PRIMARY KEY, week TEXT NOT NULL, rep INTEGER NOT NULL,
      customer INTEGER NOT NULL, ${VALUES}, custom TEXT, has_custom INTEGER NOT NULL DEFAULT 0, carried INTEGER NOT NULL DEFAULT 0);
      CREATE TABLE ${this.schema}.reps (ref INTEGER PRIMARY KEY, id INTEGER NOT NULL, team_id INTEGER NOT NULL);
      CREATE TABLE ${this.schema}.customers (ref INTEGER PRIMARY KEY, id INTEGER NOT NULL);`);
    const row = `(${Array(STAGED_PARAMS).fill('?').join(', ')})`;
    const insert = `INSERT INTO ${this.schema}.staged (week, rep, customer, ${VALUES}, custom, has_custom, carried) VALUES `;
    this.insert = s.prepare(insert + row);
    this.insertMany = s.prepare(insert + Array(ROWS_PER_INSERT).fill(row).join(', '));
  }

  add(rows: readonly StagedEntry[]): void {
    const params: unknown[] = new Array(ROWS_PER_INSERT * STAGED_PARAMS);
    const put = (r: StagedEntry, at: number) => {
      const v = r.values;
      params[at] = r.week; params[at + 1] = r.rep; params[at + 2] = r.customer;
      params[at + 3] = v.contacts; params[at + 4] = v.lastContact; params[at + 5] = v.revenue; params[at + 6] = v.receivable;
      params[at + 7] = v.overdueDays; params[at + 8] = v.complaints; params[at + 9] = v.complaintType; params[at + 10] = v.requirementChanges;
      params[at + 11] = v.faults; params[at + 12] = v.usage; params[at + 13] = v.stage; params[at + 14] = v.expectedClose;
      params[at + 15] = v.health; params[at + 16] = v.collected; params[at + 17] = v.paymentTermDays; params[at + 18] = v.notes;
      params[at + 19] = customParam(r.custom); params[at + 20] = r.custom ? 1 : 0; params[at + 21] = r.carried ? 1 : 0;
    };
    // A deferred transaction that writes only the attached database: no lock on the book.
    this.db.sqlite.transaction(() => {
      let i = 0;
      for (; i + ROWS_PER_INSERT <= rows.length; i += ROWS_PER_INSERT) {
        for (let j = 0; j < ROWS_PER_INSERT; j++) put(rows[i + j]!, j * STAGED_PARAMS);
        this.insertMany.run(params);
      }
      for (; i < rows.length; i++) {
        put(rows[i]!, 0);
        this.insert.run(params.slice(0, STAGED_PARAMS));
      }
    }).deferred();
  }

  seqRange(): { from: number; to: number } | null {
    const r = this.db.sqlite.prepare(`SELECT min(seq) AS a, max(seq) AS b FROM ${this.schema}.staged`).get() as { a: number | null; b: number | null };
    return r.a === null || r.b === null ? null : { from: r.a, to: r.b };
  }

  setIds(reps: ReadonlyMap<number, { id: number; teamId: number }>, customers: ReadonlyMap<number, number>): void {
    const s = this.db.sqlite;
    const x = this.schema;
    s.exec(`DELETE FROM ${x}.reps; DELETE FROM ${x}.customers;`);
    const rep = s.prepare(`INSERT INTO ${x}.reps (ref, id, team_id) VALUES (?, ?, ?)`);
    for (const [ref, r] of reps) rep.run(ref, r.id, r.teamId);
    const customer = s.prepare(`INSERT INTO ${x}.customers (ref, id) VALUES (?, ?)`);
    for (const [ref, id] of customers) customer.run(ref, id);
  }

  /**
   * The upsert of a slice. Without custom columns in the file the stored custom values are kept as they are
   * (nothing to read back); with them, a record without custom values keeps the stored ones (read by the
   * unique index).
   */
  private upsert(withCustom: boolean): Statement {
    let stmt = this.upserts.get(withCustom);
    if (stmt) return stmt;
    const x = this.schema;
    const changed = [...VALUE_COLUMNS.map((c) => `${c} IS NOT excluded.${c}`), 'team_id IS NOT excluded.team_id', 'carried IS NOT excluded.carried',
      ...(withCustom ? ['custom IS NOT excluded.custom'] : [])].join(' OR ');
    // In file order (the staged rowid range, no sort), so a later duplicate of (week, rep, customer) wins.
    // RETURNING lists exactly the rows inserted or changed (an identical upsert is skipped by its WHERE).
    stmt = this.db.sqlite.prepare(
      `INSERT INTO main.entries (team_id, week, rep_id, customer_id, ${VALUES}, source, updated_at, custom, carried)
       SELECT r.team_id, s.week, r.id, c.id, ${VALUE_COLUMNS.map((col) => `s.${col}`).join(', ')}, 'import', ?,
         ${withCustom ? 'CASE WHEN s.has_custom THEN s.custom ELSE e.custom END' : 'NULL'}, s.carried
       FROM ${x}.staged s JOIN ${x}.reps r ON r.ref = s.rep JOIN ${x}.customers c ON c.ref = s.customer
       ${withCustom ? 'LEFT JOIN main.entries e ON e.week = s.week AND e.rep_id = r.id AND e.customer_id = c.id' : ''}
       WHERE s.seq BETWEEN ? AND ? ORDER BY s.seq
       ON CONFLICT (week, rep_id, customer_id) DO UPDATE SET
         team_id = excluded.team_id, ${VALUE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')},
         source = excluded.source, updated_at = excluded.updated_at, ${withCustom ? 'custom = excluded.custom, ' : ''}carried = excluded.carried
       WHERE ${changed}
       RETURNING id, team_id, week`,
    ).raw(true);
    this.upserts.set(withCustom, stmt);
    return stmt;
  }

  apply(now: string, seq: { from: number; to: number }, withCustom: boolean): ImportApplyResult {
    const s = this.db.sqlite;
    // A checkpoint after each slice's commit (every 1000 pages by default) copies and syncs a few MB each
    // time: the import's slices checkpoint every 64 MB instead, and once more when it closes.
    if (this.checkpointPages === null) {
      this.checkpointPages = s.pragma('wal_autocheckpoint', { simple: true }) as number;
      if (this.checkpointPages > 0) s.pragma(`wal_autocheckpoint = ${Math.max(this.checkpointPages, 16_384)}`);
    }
    const staged = seq.to - seq.from + 1;
    const maxId = (s.prepare('SELECT coalesce(max(id), 0) FROM main.entries').pluck().get() as number);
    const inserted = new Set<number>();
    let touched = 0;
    const changedFrom = new Map<number, WeekId>();
    for (const [id, teamId, week] of this.upsert(withCustom).iterate(now, seq.from, seq.to) as Iterable<[number, number, WeekId]>) {
      touched += 1;
      if (id > maxId) inserted.add(id);
      const earliest = changedFrom.get(teamId);
      if (earliest === undefined || week < earliest) changedFrom.set(teamId, week);
    }
    return { inserted: inserted.size, updated: touched - inserted.size, unchanged: staged - touched, changedFrom };
  }

  markSubmitted(now: string): void {
    const x = this.schema;
    this.db.sqlite.prepare(
      `INSERT INTO main.reports (team_id, week, rep_id, submitted_at, late)
       SELECT DISTINCT r.team_id, s.week, r.id, ?, 0 FROM ${x}.staged s JOIN ${x}.reps r ON r.ref = s.rep WHERE true
       ON CONFLICT (team_id, week, rep_id) DO UPDATE SET submitted_at = excluded.submitted_at, late = 0
       WHERE reports.submitted_at IS NULL`,
    ).run(now);
  }

  insertCustomers(rows: ReadonlyArray<NewCustomer>): Map<number, number> {
    const insert = this.db.sqlite.prepare(
      `INSERT INTO main.customers (team_id, name, name_key, aliases, owner_rep_id, industry, region, tier, since)
       VALUES (?, ?, ?, '[]', ?, ?, ?, ?, ?) RETURNING id`,
    ).pluck(true);
    const ids = new Map<number, number>();
    for (const r of rows) {
      const name = cleanName(r.name);
      ids.set(r.ref, insert.get(r.teamId, name, normalizeName(name), r.ownerRepId, r.industry, r.region, r.tier, r.since) as number);
    }
    return ids;
  }

  clear(): void {
    this.db.sqlite.exec(`DELETE FROM ${this.schema}.staged`);
  }

  close(): void {
    if (!this.open || !this.db.sqlite.open) return;
    this.open = false;
    const s = this.db.sqlite;
    s.prepare(`DETACH DATABASE ${this.schema}`).run();
    if (this.checkpointPages !== null && this.checkpointPages > 0) {
      s.pragma(`wal_autocheckpoint = ${this.checkpointPages}`);
      if (!s.inTransaction) s.pragma('wal_checkpoint(PASSIVE)');
    }
  }
}
