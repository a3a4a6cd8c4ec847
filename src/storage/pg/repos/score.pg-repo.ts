// Scores per (team, week, customer) on PostgreSQL (the async ScoreRepo port). A week is saved whole:
// delete + one multi-row INSERT from arrays (unnest) in one transaction, so 20,000 rows are one round trip.
import { DIMENSIONS, type CustomerScore, type Dimension, type DimensionScore, type Grade, type PreviousScore, type TagId } from '../../../core/customer-risk/types.js';
import type { LocalizedText } from '../../../core/i18n.js';
import type { WeekId } from '../../../core/weekly-report/week.js';
import type { AsyncScoreRepo } from '../../../app/ports/async.port.js';
import type { PgDb } from '../db.js';
import { StorageError } from '../../errors.js';

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

const toIndexRow = (r: Row) => ({ customerId: r[0] as number, week: r[1] as WeekId, index: r[2] as number, grade: r[3] as Grade | null });

/** The stored weeks by a skip scan over the primary key (one seek per week), as on SQLite. */
const STORED_WEEKS = `WITH RECURSIVE w(week) AS (
    SELECT MIN(week) FROM scores WHERE team_id = $1
    UNION ALL SELECT (SELECT MIN(week) FROM scores WHERE team_id = $1 AND week > w.week) FROM w WHERE w.week IS NOT NULL
  ) SELECT week FROM w WHERE week IS NOT NULL`;

const median = (alias: string) => DIMENSIONS.map((d) =>
  `percentile_cont(0.5) WITHIN GROUP (ORDER BY ((${alias}dimensions::jsonb -> '${d}' ->> 'score')::float8))`).join(', ');

export class PgScoreRepo implements AsyncScoreRepo {
  constructor(private readonly db: PgDb) {}

  private rows(name: string, sql: string, values: readonly unknown[]): Promise<Row[]> {
    return this.db.query<Row>(sql, values, { array: true, name: `score_${name}` });
  }

  async saveWeekScores(teamId: number, week: WeekId, scores: readonly CustomerScore[], settingsHash: string | null = null): Promise<void> {
    const n = scores.length;
    const ids = new Array<number>(n); const index = new Array<number>(n); const grade = new Array<string | null>(n);
    const tags = new Array<string>(n); const reasons = new Array<string>(n); const dims = new Array<string>(n);
    const delta = new Array<number | null>(n); const red = new Array<number>(n); const hasData = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const sc = scores[i]!;
      if (sc.week !== week) throw new StorageError('score_week_mismatch', `score of customer ${sc.customerId} is for ${sc.week}, not ${week}`);
      ids[i] = sc.customerId; index[i] = sc.index; grade[i] = sc.grade; tags[i] = JSON.stringify(sc.tags); reasons[i] = JSON.stringify(sc.reasons);
      dims[i] = JSON.stringify(sc.dimensions); delta[i] = sc.delta; red[i] = sc.weeksInRed; hasData[i] = sc.hasData ? 1 : 0;
    }
    await this.db.transaction(async () => {
      await this.db.execute('DELETE FROM scores WHERE team_id = $1 AND week = $2', [teamId, week], { name: 'score_delete_week' });
      if (n === 0) return;
      await this.db.execute(`INSERT INTO scores (team_id, week, settings_hash, customer_id, risk_index, grade, tags, reasons, dimensions, delta, weeks_in_red, has_data)
        SELECT $1::int, $2::text, $3::text, * FROM unnest($4::int[], $5::float8[], $6::text[], $7::text[], $8::text[], $9::text[], $10::float8[], $11::int[], $12::int[])`,
      [teamId, week, settingsHash, ids, index, grade, tags, reasons, dims, delta, red, hasData], { name: 'score_insert_week' });
    });
  }

  async scoresForWeek(teamId: number, week: WeekId): Promise<CustomerScore[]> {
    return (await this.rows('week', `SELECT ${COLUMNS} FROM scores WHERE team_id = $1 AND week = $2 ORDER BY risk_index DESC, customer_id`, [teamId, week])).map(toScore);
  }

  async flaggedScoresForWeek(teamId: number, week: WeekId): Promise<CustomerScore[]> {
    // `grade IS NOT NULL` matches the partial index scores_flagged_idx.
    return (await this.rows('flagged', `SELECT ${COLUMNS} FROM scores WHERE team_id = $1 AND week = $2 AND grade IS NOT NULL ORDER BY risk_index DESC, customer_id`, [teamId, week])).map(toScore);
  }

  async storedWeekHash(teamId: number, week: WeekId): Promise<string | null | undefined> {
    const [row] = await this.rows('week_hash', 'SELECT settings_hash FROM scores WHERE team_id = $1 AND week = $2 LIMIT 1', [teamId, week]);
    return row === undefined ? undefined : (row[0] as string | null);
  }

  async gradeCounts(teamId: number, from: WeekId, to: WeekId, customerIds?: readonly number[]): Promise<Array<{ week: WeekId; total: number; A: number; B: number }>> {
    const scoped = customerIds ? ' AND customer_id = ANY($4::int[])' : '';
    const args = customerIds ? [teamId, from, to, [...customerIds]] : [teamId, from, to];
    const rows = await this.rows(customerIds ? 'grades_scoped' : 'grades', `SELECT week, COUNT(*)::int, (COUNT(*) FILTER (WHERE grade = 'A'))::int, (COUNT(*) FILTER (WHERE grade = 'B'))::int
      FROM scores WHERE team_id = $1 AND week BETWEEN $2 AND $3${scoped} GROUP BY week ORDER BY week`, args);
    return rows.map((r) => ({ week: r[0] as WeekId, total: r[1] as number, A: r[2] as number, B: r[3] as number }));
  }

  async indexHistory(teamId: number, from: WeekId, to: WeekId): Promise<Array<{ customerId: number; week: WeekId; index: number; grade: Grade | null }>> {
    return (await this.rows('index_history', 'SELECT customer_id, week, risk_index, grade FROM scores WHERE team_id = $1 AND week BETWEEN $2 AND $3 ORDER BY week, customer_id', [teamId, from, to])).map(toIndexRow);
  }

  async weekSummaries(teamId: number, from: WeekId, to: WeekId): Promise<Array<{ week: WeekId; scored: number; flagged: number; indexSum: number }>> {
    const rows = await this.rows('week_summaries', 'SELECT week, COUNT(*)::int, COUNT(grade)::int, SUM(risk_index) FROM scores WHERE team_id = $1 AND week BETWEEN $2 AND $3 GROUP BY week ORDER BY week', [teamId, from, to]);
    return rows.map((r) => ({ week: r[0] as WeekId, scored: r[1] as number, flagged: r[2] as number, indexSum: Number(r[3]) }));
  }

  async flaggedHistory(teamId: number, from: WeekId, to: WeekId, also: readonly number[]): Promise<Array<{ customerId: number; week: WeekId; index: number; grade: Grade | null }>> {
    const rows = await this.rows('flagged_history', `SELECT customer_id, week, risk_index, grade FROM scores
      WHERE team_id = $1 AND week BETWEEN $2 AND $3 AND customer_id IN (
        SELECT customer_id FROM scores WHERE team_id = $1 AND week BETWEEN $2 AND $3 AND grade IS NOT NULL
        UNION SELECT unnest($4::int[]))
      ORDER BY week, customer_id`, [teamId, from, to, [...also]]);
    return rows.map(toIndexRow);
  }

  async previousScores(teamId: number, week: WeekId): Promise<Array<PreviousScore & { customerId: number }>> {
    const rows = await this.rows('previous', 'SELECT customer_id, week, risk_index, grade, weeks_in_red FROM scores WHERE team_id = $1 AND week = $2 ORDER BY customer_id', [teamId, week]);
    return rows.map((r) => ({ customerId: r[0] as number, week: r[1] as WeekId, index: r[2] as number, grade: r[3] as Grade | null, weeksInRed: r[4] as number }));
  }

  async scoreHistory(customerId: number, from: WeekId, to: WeekId): Promise<CustomerScore[]> {
    return (await this.rows('history', `SELECT ${COLUMNS} FROM scores WHERE customer_id = $1 AND week BETWEEN $2 AND $3 ORDER BY week`, [customerId, from, to])).map(toScore);
  }

  async customerScore(customerId: number, week: WeekId): Promise<CustomerScore | null> {
    const [row] = await this.rows('one', `SELECT ${COLUMNS} FROM scores WHERE customer_id = $1 AND week = $2`, [customerId, week]);
    return row ? toScore(row) : null;
  }

  async segmentMedians(teamId: number, week: WeekId, self: number, segment: { industry: string | null; region: string | null }): Promise<{ customers: number; median: Record<Dimension, number> }> {
    const whole = segment.industry === null && segment.region === null;
    const [r] = whole
      ? await this.rows('book_median', `SELECT COUNT(*)::int, ${median('')} FROM scores WHERE team_id = $1 AND week = $2 AND has_data = 1 AND customer_id <> $3`, [teamId, week, self])
      : await this.rows('segment_median', `SELECT COUNT(*)::int, ${median('s.')}
          FROM customers c JOIN scores s ON s.customer_id = c.id AND s.week = $2
          WHERE c.team_id = $1 AND c.id <> $3 AND ($4::text IS NULL OR c.industry = $4) AND ($5::text IS NULL OR c.region = $5)
            AND s.team_id = $1 AND s.has_data = 1`, [teamId, week, self, segment.industry, segment.region]);
    const row = (r ?? []) as Array<number | null>;
    const m = Object.fromEntries(DIMENSIONS.map((d, i) => [d, row[i + 1] ?? 0])) as Record<Dimension, number>;
    return { customers: row[0] ?? 0, median: m };
  }

  async scoredWeeks(teamId: number, settingsHash?: string): Promise<WeekId[]> {
    const rows = settingsHash !== undefined
      ? await this.rows('weeks_hash', `${STORED_WEEKS} AND (SELECT settings_hash FROM scores WHERE team_id = $1 AND week = w.week LIMIT 1) = $2`, [teamId, settingsHash])
      : await this.rows('weeks', STORED_WEEKS, [teamId]);
    return rows.map((r) => r[0] as WeekId);
  }

  async invalidateFrom(teamId: number, week: WeekId): Promise<void> {
    await this.db.execute('DELETE FROM scores WHERE team_id = $1 AND week >= $2', [teamId, week], { name: 'score_invalidate' });
  }
}
