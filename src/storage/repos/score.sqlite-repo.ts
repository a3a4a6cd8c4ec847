// Scores per (team, week, customer). A week is saved as a whole (delete + prepared inserts in one
// transaction) and read as a whole; raw statements because a week can be 20,000 rows.
import type { Statement } from 'better-sqlite3';
import { DIMENSIONS, type CustomerScore, type Dimension, type DimensionScore, type Grade, type PreviousScore, type TagId } from '../../core/customer-risk/types.js';
import type { LocalizedText } from '../../core/i18n.js';
import type { WeekId } from '../../core/weekly-report/week.js';
import type { ScoreRepo } from '../../app/ports/repositories.port.js';
import type { Db } from '../db.js';

type Row = unknown[];
const COLUMNS = 'customer_id, week, risk_index, grade, tags, reasons, dimensions, delta, weeks_in_red, has_data';

const toScore = (r: Row): CustomerScore => ({
  customerId: r[0] as number,
  week: r[1] as WeekId,
  index: r[2] as number,
  grade: r[3] as Grade | null,
  tags: JSON.parse(r[4] as string) as TagId[],
  reasons: JSON.parse(r[5] as string) as LocalizedText[],
  dimensions: JSON.parse(r[6] as string) as Record<Dimension, DimensionScore>,
  delta: r[7] as number | null,
  weeksInRed: r[8] as number,
  hasData: r[9] === 1,
});

export class SqliteScoreRepo implements ScoreRepo {
  private readonly deleteWeekStmt: Statement;
  private readonly insertStmt: Statement;
  private readonly weekStmt: Statement;
  private readonly historyStmt: Statement;
  private readonly weeksStmt: Statement;
  private readonly weeksWithHashStmt: Statement;
  private readonly invalidateStmt: Statement;
  private readonly invalidateInputsStmt: Statement;
  private readonly previousStmt: Statement;
  private readonly indexHistoryStmt: Statement;
  private readonly weekSummariesStmt: Statement;
  private readonly flaggedStmt: Statement;
  private readonly weekHashStmt: Statement;
  private readonly totalsStmt: Statement;
  private readonly gradesStmt: Statement;
  private readonly scopedTotalsStmt: Statement;
  private readonly scopedGradesStmt: Statement;
  private readonly flaggedHistoryStmt: Statement;
  private readonly oneScoreStmt: Statement;
  private readonly segmentMedianStmt: Statement;
  private readonly bookMedianStmt: Statement;

  constructor(private readonly db: Db) {
    const s = db.sqlite;
    this.deleteWeekStmt = s.prepare('DELETE FROM scores WHERE team_id = ? AND week = ?');
    this.insertStmt = s.prepare(
      `INSERT INTO scores (team_id, ${COLUMNS}, settings_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.weekStmt = s.prepare(`SELECT ${COLUMNS} FROM scores WHERE team_id = ? AND week = ? ORDER BY risk_index DESC, customer_id`).raw(true);
    this.historyStmt = s.prepare(`SELECT ${COLUMNS} FROM scores WHERE customer_id = ? AND week BETWEEN ? AND ? ORDER BY week`).raw(true);
    // Skip scans over the primary key: one seek per stored week, not a read of every row (a year of a
    // 20,000-customer book is a million rows). A week is saved whole under one fingerprint, so its
    // first row tells the week's.
    const storedWeeks = `WITH RECURSIVE w(week) AS (
        SELECT MIN(week) FROM scores WHERE team_id = @team
        UNION ALL SELECT (SELECT MIN(week) FROM scores WHERE team_id = @team AND week > w.week) FROM w WHERE w.week IS NOT NULL
      ) SELECT week FROM w WHERE week IS NOT NULL`;
    this.weeksStmt = s.prepare(storedWeeks).pluck(true);
    this.weeksWithHashStmt = s.prepare(`${storedWeeks} AND (SELECT settings_hash FROM scores WHERE team_id = @team AND week = w.week LIMIT 1) = @hash`).pluck(true);
    this.invalidateStmt = s.prepare('DELETE FROM scores WHERE team_id = ? AND week >= ?');
    // The packed scorer inputs (score_inputs) of the same weeks go with them: their entries changed.
    this.invalidateInputsStmt = s.prepare('DELETE FROM score_inputs WHERE team_id = ? AND week >= ?');
    // No JSON columns: parsing reasons and dimensions of 20,000 rows is most of a full read.
    this.weekSummariesStmt = s.prepare('SELECT week, COUNT(*), SUM(grade IS NOT NULL), SUM(risk_index) FROM scores WHERE team_id = ? AND week BETWEEN ? AND ? GROUP BY week ORDER BY week').raw(true);
    this.indexHistoryStmt = s.prepare('SELECT customer_id, week, risk_index, grade FROM scores WHERE team_id = ? AND week BETWEEN ? AND ? ORDER BY week').raw(true);
    // `grade IS NOT NULL` matches the partial index scores_flagged_idx (the red flags only).
    this.flaggedStmt = s.prepare(`SELECT ${COLUMNS} FROM scores WHERE team_id = ? AND week = ? AND grade IS NOT NULL ORDER BY risk_index DESC, customer_id`).raw(true);
    this.weekHashStmt = s.prepare('SELECT settings_hash FROM scores WHERE team_id = ? AND week = ? LIMIT 1').raw(true);
    // Both read indexes only: the primary key for the totals, scores_flagged_idx for the grades.
    this.totalsStmt = s.prepare('SELECT week, COUNT(*) FROM scores WHERE team_id = ? AND week BETWEEN ? AND ? GROUP BY week ORDER BY week').raw(true);
    this.gradesStmt = s.prepare('SELECT week, grade, COUNT(*) FROM scores WHERE team_id = ? AND week BETWEEN ? AND ? AND grade IS NOT NULL GROUP BY week, grade').raw(true);
    // A rep's own portfolio: their customers' weeks through scores_customer_week_idx.
    const scoped = `FROM scores WHERE team_id = @team AND week BETWEEN @from AND @to AND customer_id IN (SELECT value FROM json_each(@ids))`;
    this.scopedTotalsStmt = s.prepare(`SELECT week, COUNT(*) ${scoped} GROUP BY week ORDER BY week`).raw(true);
    this.scopedGradesStmt = s.prepare(`SELECT week, grade, COUNT(*) ${scoped} AND grade IS NOT NULL GROUP BY week, grade`).raw(true);
    // The flagged customers from scores_flagged_idx, then their weeks from scores_customer_week_idx.
    this.flaggedHistoryStmt = s.prepare(`SELECT customer_id, week, risk_index, grade FROM scores
      WHERE team_id = @team AND week BETWEEN @from AND @to AND customer_id IN (
        SELECT customer_id FROM scores WHERE team_id = @team AND week BETWEEN @from AND @to AND grade IS NOT NULL
        UNION SELECT value FROM json_each(@also))
      ORDER BY week, customer_id`).raw(true);
    this.oneScoreStmt = s.prepare(`SELECT ${COLUMNS} FROM scores WHERE customer_id = ? AND week = ?`).raw(true);
    // A segment's peers: the week's other customers with data in the customer's industry and/or region
    // (a null parameter: any). Driven from the customers (CROSS JOIN keeps that order): the segment's
    // customers are picked from the small customers rows, then each one's score row by
    // scores_customer_week_idx, rather than every score row of the week read and joined. SQLite's
    // median() over each sub-score, read from the JSON in SQL: no row reaches JavaScript.
    this.segmentMedianStmt = s.prepare(`SELECT COUNT(*), ${DIMENSIONS.map((d) => `median(json_extract(s.dimensions, '$.${d}.score'))`).join(', ')}
      FROM customers c CROSS JOIN scores s ON s.customer_id = c.id AND s.week = @week
      WHERE c.team_id = @team AND c.id <> @self AND (@industry IS NULL OR c.industry = @industry) AND (@region IS NULL OR c.region = @region)
        AND s.team_id = @team AND s.has_data = 1`).raw(true);
    // The whole book as the segment: the week's score rows themselves (no customer needed).
    this.bookMedianStmt = s.prepare(`SELECT COUNT(*), ${DIMENSIONS.map((d) => `median(json_extract(dimensions, '$.${d}.score'))`).join(', ')}
      FROM scores WHERE team_id = @team AND week = @week AND has_data = 1 AND customer_id <> @self`).raw(true);
    this.previousStmt = s.prepare('SELECT customer_id, week, risk_index, grade, weeks_in_red FROM scores WHERE team_id = ? AND week = ?').raw(true);
  }

  saveWeekScores(teamId: number, week: WeekId, scores: readonly CustomerScore[], settingsHash: string | null = null): void {
    const save = this.db.sqlite.transaction(() => {
      this.deleteWeekStmt.run(teamId, week);
      for (const sc of scores) {
        if (sc.week !== week) throw new RangeError(`score of customer ${sc.customerId} is for ${sc.week}, not ${week}`);
        this.insertStmt.run(
          teamId, sc.customerId, week, sc.index, sc.grade, JSON.stringify(sc.tags), JSON.stringify(sc.reasons),
          JSON.stringify(sc.dimensions), sc.delta, sc.weeksInRed, sc.hasData ? 1 : 0, settingsHash,
        );
      }
    });
    save.immediate();
  }

  scoresForWeek(teamId: number, week: WeekId): CustomerScore[] {
    return (this.weekStmt.all(teamId, week) as Row[]).map(toScore);
  }

  flaggedScoresForWeek(teamId: number, week: WeekId): CustomerScore[] {
    return (this.flaggedStmt.all(teamId, week) as Row[]).map(toScore);
  }

  storedWeekHash(teamId: number, week: WeekId): string | null | undefined {
    const row = this.weekHashStmt.get(teamId, week) as Row | undefined;
    return row === undefined ? undefined : (row[0] as string | null);
  }

  gradeCounts(teamId: number, from: WeekId, to: WeekId, customerIds?: readonly number[]): Array<{ week: WeekId; total: number; A: number; B: number }> {
    const out = new Map<WeekId, { week: WeekId; total: number; A: number; B: number }>();
    const args = { team: teamId, from, to, ids: JSON.stringify(customerIds ?? []) };
    const totals = (customerIds ? this.scopedTotalsStmt.all(args) : this.totalsStmt.all(teamId, from, to)) as Row[];
    const grades = (customerIds ? this.scopedGradesStmt.all(args) : this.gradesStmt.all(teamId, from, to)) as Row[];
    for (const r of totals) out.set(r[0] as WeekId, { week: r[0] as WeekId, total: r[1] as number, A: 0, B: 0 });
    for (const r of grades) {
      const c = out.get(r[0] as WeekId);
      if (c) c[r[1] as Grade] = r[2] as number;
    }
    return [...out.values()];
  }

  indexHistory(teamId: number, from: WeekId, to: WeekId): Array<{ customerId: number; week: WeekId; index: number; grade: Grade | null }> {
    return (this.indexHistoryStmt.all(teamId, from, to) as Row[]).map((r) => ({
      customerId: r[0] as number, week: r[1] as WeekId, index: r[2] as number, grade: r[3] as Grade | null,
    }));
  }

  weekSummaries(teamId: number, from: WeekId, to: WeekId): Array<{ week: WeekId; scored: number; flagged: number; indexSum: number }> {
    return (this.weekSummariesStmt.all(teamId, from, to) as Row[]).map((r) => ({ week: r[0] as WeekId, scored: r[1] as number, flagged: r[2] as number, indexSum: r[3] as number }));
  }

  flaggedHistory(teamId: number, from: WeekId, to: WeekId, also: readonly number[]): Array<{ customerId: number; week: WeekId; index: number; grade: Grade | null }> {
    return (this.flaggedHistoryStmt.all({ team: teamId, from, to, also: JSON.stringify(also) }) as Row[]).map((r) => ({
      customerId: r[0] as number, week: r[1] as WeekId, index: r[2] as number, grade: r[3] as Grade | null,
    }));
  }

  previousScores(teamId: number, week: WeekId): Array<PreviousScore & { customerId: number }> {
    return (this.previousStmt.all(teamId, week) as Row[]).map((r) => ({
      customerId: r[0] as number, week: r[1] as WeekId, index: r[2] as number, grade: r[3] as Grade | null, weeksInRed: r[4] as number,
    }));
  }

  customerScore(customerId: number, week: WeekId): CustomerScore | null {
    const row = this.oneScoreStmt.get(customerId, week) as Row | undefined;
    return row ? toScore(row) : null;
  }

  segmentMedians(teamId: number, week: WeekId, self: number, segment: { industry: string | null; region: string | null }): { customers: number; median: Record<Dimension, number> } {
    const whole = segment.industry === null && segment.region === null;
    const r = (whole ? this.bookMedianStmt.get({ team: teamId, week, self }) : this.segmentMedianStmt.get({ team: teamId, week, self, ...segment })) as Array<number | null>;
    const median = Object.fromEntries(DIMENSIONS.map((d, i) => [d, r[i + 1] ?? 0])) as Record<Dimension, number>;
    return { customers: r[0] ?? 0, median };
  }

  scoreHistory(customerId: number, from: WeekId, to: WeekId): CustomerScore[] {
    return (this.historyStmt.all(customerId, from, to) as Row[]).map(toScore);
  }

  scoredWeeks(teamId: number, settingsHash?: string): WeekId[] {
    if (settingsHash !== undefined) return this.weeksWithHashStmt.all({ team: teamId, hash: settingsHash }) as WeekId[];
    return this.weeksStmt.all({ team: teamId }) as WeekId[];
  }

  invalidateFrom(teamId: number, week: WeekId): void {
    this.db.sqlite.transaction(() => {
      this.invalidateStmt.run(teamId, week);
      this.invalidateInputsStmt.run(teamId, week);
    })();
  }
}
