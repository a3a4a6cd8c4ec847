import { afterEach, describe, expect, it } from 'vitest';
import { score, setup, type Fixture } from './helpers.js';

let f: Fixture;
afterEach(() => f?.db.close());

describe('SqliteScoreRepo', () => {
  it('replaces a week, reads it back exactly, and keeps history per customer', () => {
    f = setup();
    const a = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
    const b = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'B' });
    f.repos.scores.saveWeekScores(f.teamId, '2026-W40', [score(a.id, '2026-W40', 10), score(b.id, '2026-W40', 80)]);
    const w41 = [score(a.id, '2026-W41', 55.5, { delta: 45.5 }), score(b.id, '2026-W41', 20, { hasData: false })];
    f.repos.scores.saveWeekScores(f.teamId, '2026-W41', w41);
    f.repos.scores.saveWeekScores(f.teamId, '2026-W41', w41); // replace, not duplicate
    expect(f.repos.scores.scoresForWeek(f.teamId, '2026-W41')).toEqual([w41[0], w41[1]]);
    expect(f.repos.scores.scoreHistory(a.id, '2026-W01', '2026-W52').map((s) => [s.week, s.index])).toEqual([
      ['2026-W40', 10], ['2026-W41', 55.5],
    ]);
    expect(f.repos.scores.scoredWeeks(f.teamId)).toEqual(['2026-W40', '2026-W41']);
    f.repos.scores.invalidateFrom(f.teamId, '2026-W41');
    expect(f.repos.scores.scoredWeeks(f.teamId)).toEqual(['2026-W40']);
  });

  it('reads index and grade per customer and week for trends', () => {
    f = setup();
    const a = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
    f.repos.scores.saveWeekScores(f.teamId, '2026-W40', [score(a.id, '2026-W40', 30)]);
    f.repos.scores.saveWeekScores(f.teamId, '2026-W41', [score(a.id, '2026-W41', 70, { grade: 'B' })]);
    expect(f.repos.scores.indexHistory(f.teamId, '2026-W40', '2026-W41')).toEqual([
      { customerId: a.id, week: '2026-W40', index: 30, grade: null },
      { customerId: a.id, week: '2026-W41', index: 70, grade: 'B' },
    ]);
  });

  it("reads a week's red flags only, its settings fingerprint, and grade counts per week from the indexes", () => {
    f = setup();
    const [a, b, c] = ['A', 'B', 'C'].map((name) => f.repos.customers.upsertCustomer({ teamId: f.teamId, name }));
    f.repos.scores.saveWeekScores(f.teamId, '2026-W40', [score(a!.id, '2026-W40', 30), score(b!.id, '2026-W40', 60, { grade: 'B' })], 'fp1');
    const w41 = [score(a!.id, '2026-W41', 70, { grade: 'B' }), score(b!.id, '2026-W41', 20), score(c!.id, '2026-W41', 95, { grade: 'A' })];
    f.repos.scores.saveWeekScores(f.teamId, '2026-W41', w41, 'fp2');
    expect(f.repos.scores.flaggedScoresForWeek(f.teamId, '2026-W41')).toEqual([w41[2], w41[0]]);
    expect(f.repos.scores.flaggedScoresForWeek(f.teamId, '2026-W42')).toEqual([]);
    expect(f.repos.scores.storedWeekHash(f.teamId, '2026-W40')).toBe('fp1');
    expect(f.repos.scores.storedWeekHash(f.teamId, '2026-W41')).toBe('fp2');
    expect(f.repos.scores.storedWeekHash(f.teamId, '2026-W42')).toBeUndefined();
    f.repos.scores.saveWeekScores(f.teamId, '2026-W42', [score(a!.id, '2026-W42', 10)]);
    expect(f.repos.scores.storedWeekHash(f.teamId, '2026-W42')).toBeNull();
    expect(f.repos.scores.gradeCounts(f.teamId, '2026-W40', '2026-W42')).toEqual([
      { week: '2026-W40', total: 2, A: 0, B: 1 },
      { week: '2026-W41', total: 3, A: 1, B: 1 },
      { week: '2026-W42', total: 1, A: 0, B: 0 },
    ]);
    const plan = f.db.sqlite.prepare("EXPLAIN QUERY PLAN SELECT customer_id FROM scores WHERE team_id = 1 AND week = '2026-W41' AND grade IS NOT NULL").all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toContain('scores_flagged_idx');
  });

  it("reads the summary of a week's scores that next week's scoring needs", () => {
    f = setup();
    const a = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
    f.repos.scores.saveWeekScores(f.teamId, '2026-W40', [score(a.id, '2026-W40', 77, { grade: 'A', weeksInRed: 3 })]);
    expect(f.repos.scores.previousScores(f.teamId, '2026-W40')).toEqual([{ customerId: a.id, week: '2026-W40', index: 77, grade: 'A', weeksInRed: 3 }]);
    expect(f.repos.scores.previousScores(f.teamId, '2026-W41')).toEqual([]);
  });

  it('rolls back a week whose scores are inconsistent', () => {
    f = setup();
    const a = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
    f.repos.scores.saveWeekScores(f.teamId, '2026-W40', [score(a.id, '2026-W40', 10)]);
    expect(() => f.repos.scores.saveWeekScores(f.teamId, '2026-W40', [score(a.id, '2026-W41', 99)])).toThrow(RangeError);
    expect(f.repos.scores.scoresForWeek(f.teamId, '2026-W40').map((s) => s.index)).toEqual([10]);
  });

  it('saves and reads back 20,000 scores in one transaction', () => {
    f = setup();
    const { sqlite } = f.db;
    const ins = sqlite.prepare('INSERT INTO customers (team_id, name, name_key) VALUES (?, ?, ?)');
    sqlite.transaction(() => { for (let i = 0; i < 20_000; i++) ins.run(f.teamId, `C${i}`, `c${i}`); })();
    const ids = sqlite.prepare('SELECT id FROM customers').pluck().all() as number[];
    const scores = ids.map((id, i) => score(id, '2026-W40', i % 100));
    // Speed is measured in bench/score-week.bench.ts, not asserted here.
    f.repos.scores.saveWeekScores(f.teamId, '2026-W40', scores);
    const back = f.repos.scores.scoresForWeek(f.teamId, '2026-W40');
    expect(back).toHaveLength(20_000);
    expect(back[0]?.index).toBe(99);
  });
});
