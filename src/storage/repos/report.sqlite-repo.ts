// Weekly reports and their entries. Entry reads are hot (a scoring window is 20,000 customers ×
// 26 weeks = 520k rows), so they use raw prepared better-sqlite3 statements in array mode: no
// per-row key objects from the driver and no ORM mapping layer, roughly 2–3× faster than drizzle here.
import type { Statement } from 'better-sqlite3';
import type { CustomValues, EntryValues } from '../../core/weekly-report/template.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { ReportRepo, ReportStatus, ScoringRow, StoredEntry } from '../../app/ports/repositories.port.js';
import type { Db } from '../db.js';
import type { EntryRun } from '../../core/customer-risk/score-week.js';
import { entryRunOf } from '../../core/customer-risk/score-week.js';
import { isNoCustom, PackedWeek, PACK_SELECT, packWeek, readCustom } from './score-inputs.codec.js';

export const VALUE_COLUMNS = [
  'contacts', 'last_contact', 'revenue', 'receivable', 'overdue_days', 'complaints', 'complaint_type',
  'requirement_changes', 'faults', 'usage', 'stage', 'expected_close', 'health', 'collected', 'payment_term_days', 'notes',
] as const;
const ENTRY_COLUMNS = `team_id, week, rep_id, customer_id, ${VALUE_COLUMNS.join(', ')}, source, updated_at, carried, custom`;
const ENTRY_SELECT = `SELECT ${ENTRY_COLUMNS} FROM entries`;
// Everything the scorer reads, nothing more: notes can be long, and bookkeeping is not needed.
const SCORING_COLUMNS = VALUE_COLUMNS.filter((c) => c !== 'notes');
export const SCORING_SELECT = `SELECT week, customer_id, rep_id, ${SCORING_COLUMNS.join(', ')}, carried FROM entries`;
// The same plus the custom fields' JSON, only for a team whose custom problem tags read custom fields.
export const SCORING_SELECT_CUSTOM = `SELECT week, customer_id, rep_id, ${SCORING_COLUMNS.join(', ')}, carried, custom FROM entries`;

type Row = unknown[];

/**
 * The entry values of a raw row whose value columns start at `at`, in VALUE_COLUMNS order. Scoring rows
 * stop before `notes` (the last value column), so their notes read as null.
 */
function valuesAt(r: Row, at: number, hasNotes: boolean): EntryValues {
  return {
    contacts: r[at] as number | null,
    lastContact: r[at + 1] as string | null,
    revenue: r[at + 2] as number | null,
    receivable: r[at + 3] as number | null,
    overdueDays: r[at + 4] as number | null,
    complaints: r[at + 5] as number | null,
    complaintType: r[at + 6] as EntryValues['complaintType'],
    requirementChanges: r[at + 7] as number | null,
    faults: r[at + 8] as number | null,
    usage: r[at + 9] as EntryValues['usage'],
    stage: r[at + 10] as EntryValues['stage'],
    expectedClose: r[at + 11] as string | null,
    health: r[at + 12] as EntryValues['health'],
    collected: r[at + 13] as number | null,
    paymentTermDays: r[at + 14] as number | null,
    notes: hasNotes ? (r[at + 15] as string | null) : null,
  };
}


/** Stored as JSON text, keys sorted so an identical re-upsert compares equal; nothing → null. */
export function customParam(custom: CustomValues | undefined): string | null {
  if (!custom) return null;
  const keys = Object.keys(custom).filter((k) => custom[k] !== null && custom[k] !== undefined).sort();
  return keys.length === 0 ? null : JSON.stringify(Object.fromEntries(keys.map((k) => [k, custom[k]])));
}

function toEntry(r: Row): StoredEntry {
  return {
    teamId: r[0] as number, week: r[1] as WeekId, repId: r[2] as number, customerId: r[3] as number,
    values: valuesAt(r, 4, true), source: r[4 + VALUE_COLUMNS.length] as StoredEntry['source'], updatedAt: r[5 + VALUE_COLUMNS.length] as string, carried: r[6 + VALUE_COLUMNS.length] === 1,
    custom: readCustom(r[7 + VALUE_COLUMNS.length]),
  };
}

function toScoringRow(r: Row): ScoringRow {
  const row: ScoringRow = { week: r[0] as WeekId, customerId: r[1] as number, repId: r[2] as number, values: valuesAt(r, 3, false) };
  // Only carried rows carry the flag: the scorer's hot path stays one shape for ordinary rows.
  if (r[3 + SCORING_COLUMNS.length] === 1) row.carried = true;
  return row;
}

// Rows with a custom column (SCORING_SELECT_CUSTOM): JSON parsed only where a row has custom values.
function toScoringRowWithCustom(r: Row): ScoringRow {
  const row = toScoringRow(r);
  const raw = r[4 + SCORING_COLUMNS.length];
  if (raw !== null) {
    const custom = readCustom(raw);
    if (!isNoCustom(custom)) row.values.custom = custom;
  }
  return row;
}

// iterate() + map in one pass: .all() first builds a second 500k-element array of row arrays.
function collect(rows: Iterable<Row>): StoredEntry[] {
  const out: StoredEntry[] = [];
  for (const r of rows) out.push(toEntry(r));
  return out;
}

export const valueParams = (v: EntryValues) => [
  v.contacts, v.lastContact, v.revenue, v.receivable, v.overdueDays, v.complaints, v.complaintType,
  v.requirementChanges, v.faults, v.usage, v.stage, v.expectedClose, v.health, v.collected, v.paymentTermDays, v.notes,
];

const toReportStatus = (r: Row): ReportStatus => ({
  teamId: r[0] as number, week: r[1] as WeekId, repId: r[2] as number, submittedAt: r[3] as string | null, late: r[4] === 1,
});

export class SqliteReportRepo implements ReportRepo {
  private readonly upsertStmt: Statement;
  private readonly upsertKeepingCustomStmt: Statement;
  private readonly weekStmt: Statement;
  private readonly rangeStmt: Statement;
  private readonly revenueStmt: Statement;
  private readonly badStmt: Statement;
  private readonly scoringRangeStmt: Statement;
  private readonly scoringCustomRangeStmt: Statement;
  private readonly latestStmt: Statement;
  private readonly lastBeforeStmt: Statement;
  private readonly customerRangeStmt: Statement;
  private readonly statusStmt: Statement;
  private readonly statusRangeStmt: Statement;
  private readonly submitStmt: Statement;
  private readonly weeksStmt: Statement;
  private readonly firstWeekStmt: Statement;
  private readonly weekCountsStmt: Statement;
  private readonly packedStmt: Statement;
  private readonly packWeekStmt: Statement;
  private readonly savePackedStmt: Statement;
  private readonly sqlite: Db['sqlite'];

  constructor(db: Db) {
    const s = db.sqlite;
    this.sqlite = s;
    // One statement does insert-or-update, and the WHERE makes an identical re-upsert a no-op
    // (changes = 0), which is how "importing twice changes nothing" is detected.
    // A writer that does not know custom fields (custom undefined) leaves the stored custom values alone.
    const upsert = (withCustom: boolean): Statement => {
      const changed = [...VALUE_COLUMNS.map((c) => `${c} IS NOT excluded.${c}`), 'team_id IS NOT excluded.team_id', 'carried IS NOT excluded.carried',
        ...(withCustom ? ['custom IS NOT excluded.custom'] : [])].join(' OR ');
      return s.prepare(
        `INSERT INTO entries (team_id, week, rep_id, customer_id, ${VALUE_COLUMNS.join(', ')}, source, updated_at, carried, custom)
         VALUES (${Array(4 + VALUE_COLUMNS.length + 4).fill('?').join(', ')})
         ON CONFLICT (week, rep_id, customer_id) DO UPDATE SET
           team_id = excluded.team_id, ${VALUE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')},
           source = excluded.source, updated_at = excluded.updated_at, carried = excluded.carried${withCustom ? ', custom = excluded.custom' : ''}
         WHERE ${changed}`,
      );
    };
    this.upsertStmt = upsert(true);
    this.upsertKeepingCustomStmt = upsert(false);
    this.weekStmt = s.prepare(`${ENTRY_SELECT} WHERE team_id = ? AND week = ? ORDER BY customer_id, rep_id`).raw(true);
    this.revenueStmt = s.prepare('SELECT rep_id, week, SUM(revenue) FROM entries WHERE team_id = ? AND week BETWEEN ? AND ? GROUP BY rep_id, week').raw(true);
    // rowid order within a week is the order the (team, week) index yields, as scoringRowsInRange reads.
    this.badStmt = s.prepare(`SELECT week, customer_id, stage, overdue_days FROM entries WHERE team_id = ? AND week BETWEEN ? AND ?
      AND (stage = 'lost' OR overdue_days >= ?) ORDER BY week, rowid`).raw(true);
    this.rangeStmt = s.prepare(`${ENTRY_SELECT} WHERE team_id = ? AND week BETWEEN ? AND ? ORDER BY week`).raw(true);
    this.scoringRangeStmt = s.prepare(`${SCORING_SELECT} WHERE team_id = ? AND week BETWEEN ? AND ? ORDER BY week`).raw(true);
    this.scoringCustomRangeStmt = s.prepare(`${SCORING_SELECT_CUSTOM} WHERE team_id = ? AND week BETWEEN ? AND ? ORDER BY week`).raw(true);
    // One row per customer: the latest week (and latest update) in the range, by a window function.
    this.latestStmt = s.prepare(
      `SELECT ${ENTRY_COLUMNS} FROM (
         SELECT *, row_number() OVER (PARTITION BY customer_id ORDER BY week DESC, updated_at DESC) AS rn
         FROM entries WHERE team_id = ? AND week BETWEEN ? AND ?) WHERE rn = 1 ORDER BY customer_id`,
    ).raw(true);
    this.lastBeforeStmt = s.prepare(`${ENTRY_SELECT} WHERE customer_id = ? AND week < ? ORDER BY week DESC, updated_at DESC LIMIT 1`).raw(true);
    this.customerRangeStmt = s.prepare(`${ENTRY_SELECT} WHERE customer_id = ? AND week BETWEEN ? AND ? ORDER BY week, updated_at`).raw(true);
    this.statusStmt = s.prepare('SELECT team_id, week, rep_id, submitted_at, late FROM reports WHERE team_id = ? AND week = ? ORDER BY rep_id').raw(true);
    this.statusRangeStmt = s.prepare('SELECT team_id, week, rep_id, submitted_at, late FROM reports WHERE team_id = ? AND week BETWEEN ? AND ? ORDER BY week, rep_id').raw(true);
    this.submitStmt = s.prepare(
      `INSERT INTO reports (team_id, week, rep_id, submitted_at, late) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (team_id, week, rep_id) DO UPDATE SET submitted_at = excluded.submitted_at, late = excluded.late`,
    );
    // A skip scan: one index seek per distinct week (entries_team_week_idx) instead of reading every
    // entry's index row (~30 ms at 250,000 entries, and every page asks).
    this.weeksStmt = s.prepare(`WITH RECURSIVE w(week) AS (
        SELECT MIN(week) FROM entries WHERE team_id = @team
        UNION ALL SELECT (SELECT MIN(week) FROM entries WHERE team_id = @team AND week > w.week) FROM w WHERE w.week IS NOT NULL
      ) SELECT week FROM w WHERE week IS NOT NULL`).pluck(true);
    this.firstWeekStmt = s.prepare('SELECT min(week) FROM entries WHERE team_id = ?').pluck(true);
    // The packed copy of the scorer's rows (score_inputs): each week's entry count and id sum come from
    // entries_team_week_idx alone (the index holds the rowid), and must match the packed week's.
    this.weekCountsStmt = s.prepare('SELECT week, COUNT(*), SUM(id) FROM entries WHERE team_id = ? AND week BETWEEN ? AND ? GROUP BY week ORDER BY week').raw(true);
    this.packedStmt = s.prepare('SELECT week, rows, id_sum, data FROM score_inputs WHERE team_id = ? AND week BETWEEN ? AND ?').raw(true);
    // One week in the order scoringRowsInRange reads it (the (team, week) index: rowid order in a week).
    this.packWeekStmt = s.prepare(`${PACK_SELECT} INDEXED BY entries_team_week_idx WHERE team_id = ? AND week = ? ORDER BY id`).raw(true);
    this.savePackedStmt = s.prepare('INSERT OR REPLACE INTO score_inputs (team_id, week, rows, id_sum, data) VALUES (?, ?, ?, ?, ?)');
  }

  upsertEntry(entry: Omit<StoredEntry, 'updatedAt'>, at: string): boolean {
    const info = (entry.custom === undefined ? this.upsertKeepingCustomStmt : this.upsertStmt).run(entry.teamId, entry.week, entry.repId, entry.customerId, ...valueParams(entry.values), entry.source, at, entry.carried ? 1 : 0, customParam(entry.custom));
    return info.changes > 0;
  }

  entriesForWeek(teamId: number, week: WeekId): StoredEntry[] {
    return collect(this.weekStmt.iterate(teamId, week) as Iterable<Row>);
  }

  /**
   * One indexed range scan (entries_team_week_idx), rows already in week order so SQLite does not
   * sort: ordering by more keys would add a temp B-tree sort over the whole window (~30% slower).
   */
  entriesInRange(teamId: number, from: WeekId, to: WeekId): StoredEntry[] {
    return collect(this.rangeStmt.iterate(teamId, from, to) as Iterable<Row>);
  }

  scoringRowsInRange(teamId: number, from: WeekId, to: WeekId, options: { custom?: boolean } = {}): ScoringRow[] {
    const out: ScoringRow[] = [];
    if (options.custom) {
      for (const r of this.scoringCustomRangeStmt.iterate(teamId, from, to) as Iterable<Row>) out.push(toScoringRowWithCustom(r));
      return out;
    }
    for (const r of this.scoringRangeStmt.iterate(teamId, from, to) as Iterable<Row>) out.push(toScoringRow(r));
    return out;
  }

  scoringWeeks(teamId: number, from: WeekId, to: WeekId, options: { custom?: boolean } = {}): Map<WeekId, EntryRun> {
    const custom = options.custom === true;
    const read = (): Map<WeekId, EntryRun> => {
      const packed = new Map<WeekId, { rows: number; idSum: number; data: Uint8Array }>();
      for (const r of this.packedStmt.iterate(teamId, from, to) as Iterable<Row>) {
        packed.set(r[0] as WeekId, { rows: r[1] as number, idSum: r[2] as number, data: r[3] as Uint8Array });
      }
      const out = new Map<WeekId, EntryRun>();
      for (const [week, rows, idSum] of this.weekCountsStmt.all(teamId, from, to) as Array<[WeekId, number, number]>) {
        const p = packed.get(week);
        if (p && p.rows === rows && p.idSum === idSum) {
          out.set(week, new PackedWeek(week, p.data, custom));
          continue;
        }
        // Not packed yet, or the week's rows changed: read them, pack them for the next scoring.
        const raw = this.packWeekStmt.all(teamId, week) as Row[];
        const data = packWeek(raw);
        if (data === null) {
          out.set(week, entryRunOf(raw.map((r) => (custom ? toScoringRowWithCustom(r.slice(1)) : toScoringRow(r.slice(1))))));
          continue;
        }
        if (!this.sqlite.readonly) this.savePackedStmt.run(teamId, week, rows, idSum, data);
        out.set(week, new PackedWeek(week, data, custom));
      }
      return out;
    };
    // One snapshot: the counts, the packed weeks and any rows read agree with each other, and no writer
    // can change a week between reading its rows and saving them packed (a write lock from the start).
    if (this.sqlite.inTransaction) return read();
    const tx = this.sqlite.transaction(read);
    return this.sqlite.readonly ? tx() : tx.immediate();
  }

  latestEntries(teamId: number, from: WeekId, to: WeekId): StoredEntry[] {
    return collect(this.latestStmt.iterate(teamId, from, to) as Iterable<Row>);
  }

  customerEntries(customerId: number, from: WeekId, to: WeekId): StoredEntry[] {
    return collect(this.customerRangeStmt.iterate(customerId, from, to) as Iterable<Row>);
  }

  lastEntryBefore(customerId: number, week: WeekId): StoredEntry | null {
    const row = this.lastBeforeStmt.get(customerId, week) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  revenueByRepWeek(teamId: number, from: WeekId, to: WeekId): Array<{ repId: number; week: WeekId; revenue: number | null }> {
    return (this.revenueStmt.all(teamId, from, to) as Row[]).map((r) => ({ repId: r[0] as number, week: r[1] as WeekId, revenue: r[2] as number | null }));
  }

  lostOrOverdueEntries(teamId: number, from: WeekId, to: WeekId, minOverdueDays: number): Array<{ week: WeekId; customerId: number; lost: boolean; overdueDays: number | null }> {
    return (this.badStmt.all(teamId, from, to, minOverdueDays) as Row[]).map((r) => ({
      week: r[0] as WeekId, customerId: r[1] as number, lost: r[2] === 'lost', overdueDays: r[3] as number | null,
    }));
  }

  reportStatuses(teamId: number, week: WeekId): ReportStatus[] {
    return (this.statusStmt.all(teamId, week) as Row[]).map(toReportStatus);
  }

  reportStatusesInRange(teamId: number, from: WeekId, to: WeekId): ReportStatus[] {
    return (this.statusRangeStmt.all(teamId, from, to) as Row[]).map(toReportStatus);
  }

  markSubmitted(teamId: number, week: WeekId, repId: number, at: string, late: boolean): void {
    this.submitStmt.run(teamId, week, repId, at, late ? 1 : 0);
  }

  weeksWithEntries(teamId: number): WeekId[] {
    return this.weeksStmt.all({ team: teamId }) as WeekId[];
  }

  firstWeek(teamId: number): WeekId | null {
    return (this.firstWeekStmt.get(teamId) as WeekId | null | undefined) ?? null;
  }
}
