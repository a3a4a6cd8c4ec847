// Scores per (team, week, customer). A week is saved as a whole (delete + prepared inserts in one
// transaction) and read as a whole; raw statements because a week can be 20,000 rows.
import type { Statement } from 'better-sqlite3';
import type { CustomerScore, Dimension, DimensionScore, Grade, PreviousScore, TagId } from '../../core/customer-risk/types.js';
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
  private readonly previousStmt: Statement;
  private readonly indexHistoryStmt: Statement;

  constructor(private readonly db: Db) {
    const s = db.sqlite;
    this.deleteWeekStmt = s.prepare('DELETE FROM scores WHERE team_id = ? AND week = ?');
    this.insertStmt = s.prepare(
      `INSERT INTO scores (team_id, ${COLUMNS}, settings_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.weekStmt = s.prepare(`SELECT ${COLUMNS} FROM scores WHERE team_id = ? AND week = ? ORDER BY risk_index DESC, customer_id`).raw(true);
    this.historyStmt = s.prepare(`SELECT ${COLUMNS} FROM scores WHERE customer_id = ? AND week BETWEEN ? AND ? ORDER BY week`).raw(true);
    this.weeksStmt = s.prepare('SELECT DISTINCT week FROM scores WHERE team_id = ? ORDER BY week').pluck(true);
    this.weeksWithHashStmt = s.prepare('SELECT DISTINCT week FROM scores WHERE team_id = ? AND settings_hash = ? ORDER BY week').pluck(true);
    this.invalidateStmt = s.prepare('DELETE FROM scores WHERE team_id = ? AND week >= ?');
    // No JSON columns: parsing reasons and dimensions of 20,000 rows is most of a full read.
    this.indexHistoryStmt = s.prepare('SELECT customer_id, week, risk_index, grade FROM scores WHERE team_id = ? AND week BETWEEN ? AND ? ORDER BY week').raw(true);
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

  indexHistory(teamId: number, from: WeekId, to: WeekId): Array<{ customerId: number; week: WeekId; index: number; grade: Grade | null }> {
    return (this.indexHistoryStmt.all(teamId, from, to) as Row[]).map((r) => ({
      customerId: r[0] as number, week: r[1] as WeekId, index: r[2] as number, grade: r[3] as Grade | null,
    }));
  }

  previousScores(teamId: number, week: WeekId): Array<PreviousScore & { customerId: number }> {
    return (this.previousStmt.all(teamId, week) as Row[]).map((r) => ({
      customerId: r[0] as number, week: r[1] as WeekId, index: r[2] as number, grade: r[3] as Grade | null, weeksInRed: r[4] as number,
    }));
  }

  scoreHistory(customerId: number, from: WeekId, to: WeekId): CustomerScore[] {
    return (this.historyStmt.all(customerId, from, to) as Row[]).map(toScore);
  }

  scoredWeeks(teamId: number, settingsHash?: string): WeekId[] {
    if (settingsHash !== undefined) return this.weeksWithHashStmt.all(teamId, settingsHash) as WeekId[];
    return this.weeksStmt.all(teamId) as WeekId[];
  }

  invalidateFrom(teamId: number, week: WeekId): void {
    this.invalidateStmt.run(teamId, week);
  }
}
