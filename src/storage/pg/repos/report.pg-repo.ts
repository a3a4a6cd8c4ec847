// Weekly reports and their entries on PostgreSQL (the async ReportRepo port). As on SQLite, the hot
// reads are raw SQL in array mode (no per-row key objects) through named prepared statements; rows map
// to the same shapes through the same column order.
import type { CustomValues, EntryValues } from '../../../core/weekly-report/template.js';
import type { WeekId } from '../../../core/weekly-report/week.js';
import type { ReportStatus, ScoringRow, StoredEntry } from '../../../app/ports/repositories.port.js';
import type { AsyncReportRepo } from '../../../app/ports/async.port.js';
import type { PgDb } from '../db.js';
import { entryRunsByWeek, type EntryRun } from '../../../core/customer-risk/score-week.js';
import { customParam, VALUE_COLUMNS, valueParams } from '../../repos/report.sqlite-repo.js';

const SCORING_COLUMNS = VALUE_COLUMNS.filter((c) => c !== 'notes');
const ENTRY_COLUMNS = `team_id, week, rep_id, customer_id, ${VALUE_COLUMNS.join(', ')}, source, updated_at, carried, custom`;
const ENTRY_SELECT = `SELECT ${ENTRY_COLUMNS} FROM entries`;
/** What the scorer reads (see SCORING_SELECT in the SQLite repo), in the same column order. */
export const PG_SCORING_SELECT = `SELECT week, customer_id, rep_id, ${SCORING_COLUMNS.join(', ')}, carried FROM entries`;
export const PG_SCORING_SELECT_CUSTOM = `SELECT week, customer_id, rep_id, ${SCORING_COLUMNS.join(', ')}, carried, custom FROM entries`;
/** A window in week order; within a week, insertion (id) order, as SQLite's (team, week) index yields rowids. */
export const PG_SCORING_WHERE = 'WHERE team_id = $1 AND week BETWEEN $2 AND $3 ORDER BY week, id';

type Row = unknown[];

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

const NO_CUSTOM: CustomValues = Object.freeze({});
function readCustom(raw: unknown): CustomValues {
  if (typeof raw !== 'string' || raw === '' || raw === '{}') return NO_CUSTOM;
  return JSON.parse(raw) as CustomValues;
}

function toEntry(r: Row): StoredEntry {
  const n = VALUE_COLUMNS.length;
  return {
    teamId: r[0] as number, week: r[1] as WeekId, repId: r[2] as number, customerId: r[3] as number,
    values: valuesAt(r, 4, true), source: r[4 + n] as StoredEntry['source'], updatedAt: r[5 + n] as string, carried: r[6 + n] === 1,
    custom: readCustom(r[7 + n]),
  };
}

function toScoringRow(r: Row): ScoringRow {
  const row: ScoringRow = { week: r[0] as WeekId, customerId: r[1] as number, repId: r[2] as number, values: valuesAt(r, 3, false) };
  if (r[3 + SCORING_COLUMNS.length] === 1) row.carried = true;
  return row;
}

const toReportStatus = (r: Row): ReportStatus => ({
  teamId: r[0] as number, week: r[1] as WeekId, repId: r[2] as number, submittedAt: r[3] as string | null, late: r[4] === 1,
});

const params = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');

function upsertSql(withCustom: boolean): string {
  // The WHERE makes an identical re-upsert a no-op (0 rows), which is how "importing twice changes nothing" is told.
  const changed = [...VALUE_COLUMNS.map((c) => `entries.${c} IS DISTINCT FROM excluded.${c}`), 'entries.team_id IS DISTINCT FROM excluded.team_id',
    'entries.carried IS DISTINCT FROM excluded.carried', ...(withCustom ? ['entries.custom IS DISTINCT FROM excluded.custom'] : [])].join(' OR ');
  return `INSERT INTO entries (team_id, week, rep_id, customer_id, ${VALUE_COLUMNS.join(', ')}, source, updated_at, carried, custom)
    VALUES (${params(4 + VALUE_COLUMNS.length + 4)})
    ON CONFLICT (week, rep_id, customer_id) DO UPDATE SET
      team_id = excluded.team_id, ${VALUE_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')},
      source = excluded.source, updated_at = excluded.updated_at, carried = excluded.carried${withCustom ? ', custom = excluded.custom' : ''}
    WHERE ${changed}`;
}
const UPSERT = upsertSql(true);
const UPSERT_KEEPING_CUSTOM = upsertSql(false);

export class PgReportRepo implements AsyncReportRepo {
  constructor(private readonly db: PgDb) {}

  private rows(name: string, sql: string, values: readonly unknown[]): Promise<Row[]> {
    return this.db.query<Row>(sql, values, { array: true, name: `report_${name}` });
  }

  async upsertEntry(entry: Omit<StoredEntry, 'updatedAt'>, at: string): Promise<boolean> {
    const keep = entry.custom === undefined;
    const n = await this.db.execute(keep ? UPSERT_KEEPING_CUSTOM : UPSERT, [entry.teamId, entry.week, entry.repId, entry.customerId, ...valueParams(entry.values),
      entry.source, at, entry.carried ? 1 : 0, customParam(entry.custom)], { name: keep ? 'report_upsert_keep' : 'report_upsert' });
    return n > 0;
  }

  async entriesForWeek(teamId: number, week: WeekId): Promise<StoredEntry[]> {
    return (await this.rows('week', `${ENTRY_SELECT} WHERE team_id = $1 AND week = $2 ORDER BY customer_id, rep_id`, [teamId, week])).map(toEntry);
  }

  async entriesInRange(teamId: number, from: WeekId, to: WeekId): Promise<StoredEntry[]> {
    return (await this.rows('range', `${ENTRY_SELECT} WHERE team_id = $1 AND week BETWEEN $2 AND $3 ORDER BY week, id`, [teamId, from, to])).map(toEntry);
  }

  /** The scoring rows by week, as runs (no packed cache on PostgreSQL yet: every week is read as rows). */
  async scoringWeeks(teamId: number, from: WeekId, to: WeekId, options: { custom?: boolean } = {}): Promise<Map<WeekId, EntryRun>> {
    return entryRunsByWeek(await this.scoringRowsInRange(teamId, from, to, options));
  }

  async scoringRowsInRange(teamId: number, from: WeekId, to: WeekId, options: { custom?: boolean } = {}): Promise<ScoringRow[]> {
    if (options.custom) {
      const rows = await this.rows('scoring_custom', `${PG_SCORING_SELECT_CUSTOM} ${PG_SCORING_WHERE}`, [teamId, from, to]);
      const out: ScoringRow[] = new Array(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        const row = toScoringRow(r);
        const raw = r[4 + SCORING_COLUMNS.length];
        if (raw !== null) {
          const custom = readCustom(raw);
          if (custom !== NO_CUSTOM) row.values.custom = custom;
        }
        out[i] = row;
      }
      return out;
    }
    const rows = await this.rows('scoring', `${PG_SCORING_SELECT} ${PG_SCORING_WHERE}`, [teamId, from, to]);
    const out: ScoringRow[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = toScoringRow(rows[i]!);
    return out;
  }

  async revenueByRepWeek(teamId: number, from: WeekId, to: WeekId): Promise<Array<{ repId: number; week: WeekId; revenue: number | null }>> {
    const rows = await this.rows('revenue', 'SELECT rep_id, week, SUM(revenue) FROM entries WHERE team_id = $1 AND week BETWEEN $2 AND $3 GROUP BY rep_id, week ORDER BY rep_id, week', [teamId, from, to]);
    return rows.map((r) => ({ repId: r[0] as number, week: r[1] as WeekId, revenue: r[2] as number | null }));
  }

  async lostOrOverdueEntries(teamId: number, from: WeekId, to: WeekId, minOverdueDays: number): Promise<Array<{ week: WeekId; customerId: number; lost: boolean; overdueDays: number | null }>> {
    const rows = await this.rows('bad', `SELECT week, customer_id, stage, overdue_days FROM entries WHERE team_id = $1 AND week BETWEEN $2 AND $3
      AND (stage = 'lost' OR overdue_days >= $4) ORDER BY week, id`, [teamId, from, to, minOverdueDays]);
    return rows.map((r) => ({ week: r[0] as WeekId, customerId: r[1] as number, lost: r[2] === 'lost', overdueDays: r[3] as number | null }));
  }

  async latestEntries(teamId: number, from: WeekId, to: WeekId): Promise<StoredEntry[]> {
    // One row per customer: the latest week (and latest update) in the range. DISTINCT ON is PostgreSQL's
    // "first row of each group"; the id breaks a tie the way SQLite's window over rowid order does.
    const rows = await this.rows('latest', `SELECT DISTINCT ON (customer_id) ${ENTRY_COLUMNS} FROM entries
      WHERE team_id = $1 AND week BETWEEN $2 AND $3 ORDER BY customer_id, week DESC, updated_at DESC, id`, [teamId, from, to]);
    return rows.map(toEntry);
  }

  async customerEntries(customerId: number, from: WeekId, to: WeekId): Promise<StoredEntry[]> {
    return (await this.rows('customer', `${ENTRY_SELECT} WHERE customer_id = $1 AND week BETWEEN $2 AND $3 ORDER BY week, updated_at, id`, [customerId, from, to])).map(toEntry);
  }

  async lastEntryBefore(customerId: number, week: WeekId): Promise<StoredEntry | null> {
    const [row] = await this.rows('last_before', `${ENTRY_SELECT} WHERE customer_id = $1 AND week < $2 ORDER BY week DESC, updated_at DESC, id LIMIT 1`, [customerId, week]);
    return row ? toEntry(row) : null;
  }

  async reportStatuses(teamId: number, week: WeekId): Promise<ReportStatus[]> {
    return (await this.rows('status', 'SELECT team_id, week, rep_id, submitted_at, late FROM reports WHERE team_id = $1 AND week = $2 ORDER BY rep_id', [teamId, week])).map(toReportStatus);
  }

  async reportStatusesInRange(teamId: number, from: WeekId, to: WeekId): Promise<ReportStatus[]> {
    return (await this.rows('status_range', 'SELECT team_id, week, rep_id, submitted_at, late FROM reports WHERE team_id = $1 AND week BETWEEN $2 AND $3 ORDER BY week, rep_id', [teamId, from, to])).map(toReportStatus);
  }

  async markSubmitted(teamId: number, week: WeekId, repId: number, at: string, late: boolean): Promise<void> {
    await this.db.execute(`INSERT INTO reports (team_id, week, rep_id, submitted_at, late) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (team_id, week, rep_id) DO UPDATE SET submitted_at = excluded.submitted_at, late = excluded.late`, [teamId, week, repId, at, late ? 1 : 0], { name: 'report_submit' });
  }

  async weeksWithEntries(teamId: number): Promise<WeekId[]> {
    // A skip scan: one index seek per distinct week (entries_team_week_idx), as on SQLite.
    const rows = await this.rows('weeks', `WITH RECURSIVE w(week) AS (
        SELECT MIN(week) FROM entries WHERE team_id = $1
        UNION ALL SELECT (SELECT MIN(week) FROM entries WHERE team_id = $1 AND week > w.week) FROM w WHERE w.week IS NOT NULL
      ) SELECT week FROM w WHERE week IS NOT NULL`, [teamId]);
    return rows.map((r) => r[0] as WeekId);
  }

  async firstWeek(teamId: number): Promise<WeekId | null> {
    const [row] = await this.rows('first_week', 'SELECT min(week) FROM entries WHERE team_id = $1', [teamId]);
    return (row?.[0] as WeekId | null | undefined) ?? null;
  }
}
