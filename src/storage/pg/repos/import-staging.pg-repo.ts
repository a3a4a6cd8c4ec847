// The staging area of one import on PostgreSQL: three UNLOGGED tables of its own (no WAL, no lock on the
// book: the bot keeps saving forms while a large file is read), dropped when the import closes. They are
// ordinary tables, not TEMP ones, because the pool hands each statement to any connection: the final
// writes run on the caller's transaction connection and must see what earlier calls staged. As on SQLite,
// applying is set-based (INSERT … SELECT upserts over ranges of staged rows), each inside the caller's
// write transaction.
import { randomBytes } from 'node:crypto';
import type { ImportApplyResult, NewCustomer, StagedEntry } from '../../../app/ports/repositories.port.js';
import type { AsyncImportStaging } from '../../../app/ports/async.port.js';
import { cleanName, normalizeName } from '../../../core/team.js';
import type { WeekId } from '../../../core/weekly-report/week.js';
import type { PgDb } from '../db.js';
import { customParam, VALUE_COLUMNS, valueParams } from '../../repos/report.sqlite-repo.js';
import { StorageError } from '../../errors.js';

/** Staged rows per INSERT (one JSON parameter each). */
const ROWS_PER_INSERT = 5_000;
const VALUES = VALUE_COLUMNS.join(', ');
const STAGED_COLUMNS = `week, rep, customer, ${VALUES}, custom, has_custom, carried`;

/** Table names of one staging: unique across replicas (a pid repeats across hosts, the random part does not). */
function stagingPrefix(): string {
  return `radar_import_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export class PgImportStaging implements AsyncImportStaging {
  private open = true;

  private constructor(private readonly db: PgDb, private readonly x: string) {}

  /** Create the staging tables (their column types are the entries table's own). */
  static async create(db: PgDb): Promise<PgImportStaging> {
    const x = stagingPrefix();
    await db.execute(`CREATE UNLOGGED TABLE ${x}_staged AS
      SELECT week, rep_id AS rep, customer_id AS customer, ${VALUES}, custom, 0 AS has_custom, carried FROM entries WITH NO DATA`);
    await db.execute(`ALTER TABLE ${x}_staged ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY`);
    await db.execute(`CREATE UNLOGGED TABLE ${x}_reps (ref integer PRIMARY KEY, id integer NOT NULL, team_id integer NOT NULL)`);
    await db.execute(`CREATE UNLOGGED TABLE ${x}_customers (ref integer PRIMARY KEY, id integer NOT NULL)`);
    return new PgImportStaging(db, x);
  }

  async add(rows: readonly StagedEntry[]): Promise<void> {
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      const slice = rows.slice(i, i + ROWS_PER_INSERT).map((r) => {
        const record: Record<string, unknown> = { week: r.week, rep: r.rep, customer: r.customer, custom: customParam(r.custom), has_custom: r.custom ? 1 : 0, carried: r.carried ? 1 : 0 };
        const values = valueParams(r.values);
        VALUE_COLUMNS.forEach((c, k) => { record[c] = values[k]; });
        return record;
      });
      // WITH ORDINALITY … ORDER BY keeps file order in seq: a later duplicate wins at apply time.
      await this.db.execute(`INSERT INTO ${this.x}_staged (${STAGED_COLUMNS})
        SELECT ${STAGED_COLUMNS} FROM json_populate_recordset(NULL::${this.x}_staged, $1::json) WITH ORDINALITY AS j ORDER BY j.ordinality`,
      [JSON.stringify(slice)]);
    }
  }

  async seqRange(): Promise<{ from: number; to: number } | null> {
    const [r] = await this.db.query<{ a: string | null; b: string | null }>(`SELECT min(seq) AS a, max(seq) AS b FROM ${this.x}_staged`);
    return !r || r.a === null || r.b === null ? null : { from: Number(r.a), to: Number(r.b) };
  }

  async setIds(reps: ReadonlyMap<number, { id: number; teamId: number }>, customers: ReadonlyMap<number, number>): Promise<void> {
    await this.db.execute(`TRUNCATE ${this.x}_reps, ${this.x}_customers`);
    const repRows = [...reps];
    await this.db.execute(`INSERT INTO ${this.x}_reps (ref, id, team_id) SELECT * FROM unnest($1::int[], $2::int[], $3::int[])`,
      [repRows.map(([ref]) => ref), repRows.map(([, r]) => r.id), repRows.map(([, r]) => r.teamId)]);
    await this.db.execute(`INSERT INTO ${this.x}_customers (ref, id) SELECT * FROM unnest($1::int[], $2::int[])`, [[...customers.keys()], [...customers.values()]]);
  }

  async apply(now: string, seq: { from: number; to: number }, withCustom: boolean): Promise<ImportApplyResult> {
    const x = this.x;
    const changed = [...VALUE_COLUMNS.map((c) => `entries.${c} IS DISTINCT FROM excluded.${c}`), 'entries.team_id IS DISTINCT FROM excluded.team_id',
      'entries.carried IS DISTINCT FROM excluded.carried', ...(withCustom ? ['entries.custom IS DISTINCT FROM excluded.custom'] : [])].join(' OR ');
    // PostgreSQL's upsert may not touch a row twice in one statement: of a (week, rep, customer) staged more
    // than once, the last in file order is written (which is what SQLite's in-order upsert leaves).
    // xmax = 0 marks a row this statement inserted rather than updated.
    const rows = await this.db.query<unknown[]>(
      `INSERT INTO entries (team_id, week, rep_id, customer_id, ${VALUES}, source, updated_at, custom, carried)
       SELECT DISTINCT ON (s.week, r.id, c.id) r.team_id, s.week, r.id, c.id, ${VALUE_COLUMNS.map((col) => `s.${col}`).join(', ')}, 'import', $1::text,
         ${withCustom ? 'CASE WHEN s.has_custom = 1 THEN s.custom ELSE e.custom END' : 'NULL'}, s.carried
       FROM ${x}_staged s JOIN ${x}_reps r ON r.ref = s.rep JOIN ${x}_customers c ON c.ref = s.customer
       ${withCustom ? 'LEFT JOIN entries e ON e.week = s.week AND e.rep_id = r.id AND e.customer_id = c.id' : ''}
       WHERE s.seq BETWEEN $2 AND $3 ORDER BY s.week, r.id, c.id, s.seq DESC
       ON CONFLICT (week, rep_id, customer_id) DO UPDATE SET
         team_id = excluded.team_id, ${VALUE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')},
         source = excluded.source, updated_at = excluded.updated_at, ${withCustom ? 'custom = excluded.custom, ' : ''}carried = excluded.carried
       WHERE ${changed}
       RETURNING team_id, week, (xmax = 0) AS inserted`,
      [now, seq.from, seq.to], { array: true });
    let inserted = 0;
    const changedFrom = new Map<number, WeekId>();
    for (const [teamId, week, isNew] of rows as Array<[number, WeekId, boolean]>) {
      if (isNew) inserted += 1;
      const earliest = changedFrom.get(teamId);
      if (earliest === undefined || week < earliest) changedFrom.set(teamId, week);
    }
    const staged = seq.to - seq.from + 1;
    return { inserted, updated: rows.length - inserted, unchanged: staged - rows.length, changedFrom };
  }

  async markSubmitted(now: string): Promise<void> {
    await this.db.execute(
      `INSERT INTO reports (team_id, week, rep_id, submitted_at, late)
       SELECT DISTINCT r.team_id, s.week, r.id, $1::text, 0 FROM ${this.x}_staged s JOIN ${this.x}_reps r ON r.ref = s.rep
       ON CONFLICT (team_id, week, rep_id) DO UPDATE SET submitted_at = excluded.submitted_at, late = 0
       WHERE reports.submitted_at IS NULL`, [now]);
  }

  async insertCustomers(rows: ReadonlyArray<NewCustomer>): Promise<Map<number, number>> {
    if (rows.length === 0) return new Map();
    const names = rows.map((r) => cleanName(r.name));
    const keys = names.map(normalizeName);
    // One statement for all; RETURNING's order is not promised, so each id is matched back by (team, name key).
    const inserted = await this.db.query<[number, number, string]>(
      `INSERT INTO customers (team_id, name, name_key, aliases, owner_rep_id, industry, region, tier, since)
       SELECT t, n, k, '[]', o, i, g, tier, s FROM unnest($1::int[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[])
         AS u(t, n, k, o, i, g, tier, s)
       RETURNING team_id, id, name_key`,
      [rows.map((r) => r.teamId), names, keys, rows.map((r) => r.ownerRepId), rows.map((r) => r.industry), rows.map((r) => r.region),
        rows.map((r) => r.tier), rows.map((r) => r.since)], { array: true });
    const byKey = new Map(inserted.map(([teamId, id, key]) => [`${teamId}\u0000${key}`, id]));
    const ids = new Map<number, number>();
    rows.forEach((r, i) => {
      const id = byKey.get(`${r.teamId}\u0000${keys[i]}`);
      if (id === undefined) throw new StorageError('customer_not_created', `customer ${names[i]} could not be created`);
      ids.set(r.ref, id);
    });
    return ids;
  }

  async clear(): Promise<void> {
    await this.db.execute(`TRUNCATE ${this.x}_staged`);
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    await this.db.execute(`DROP TABLE IF EXISTS ${this.x}_staged, ${this.x}_reps, ${this.x}_customers`);
  }
}
