// The scorer's packed inputs (score_inputs): scoringWeeks gives the scorer exactly what scoringRowsInRange
// gives it (same rows, order and values, with and without custom fields), whether a week was just read
// from entries or decoded from its stored pack, and a changed week is read again.
import { afterEach, describe, expect, it } from 'vitest';
import { entry, setup, type Fixture } from './helpers.js';
import type { EntryRun } from '../../src/core/customer-risk/score-week.js';
import { scoreRuns, scoreWeek } from '../../src/core/customer-risk/score-week.js';
import { simulateBook } from '../../src/core/simulate/index.js';
import { FIELD_IDS, type EntryValues } from '../../src/core/weekly-report/template.js';
import { addWeeks, weekRange, type WeekId } from '../../src/core/weekly-report/week.js';
import type { ScoringRow } from '../../src/app/ports/repositories.port.js';
import { PACKED_COLUMNS } from '../../src/storage/repos/score-inputs.codec.js';
import { SCORING_SELECT_CUSTOM } from '../../src/storage/repos/report.sqlite-repo.js';

let f: Fixture;
afterEach(() => f?.db.close());

/** An EntryRun's rows in the shape of scoringRowsInRange's. */
function rowsOf(run: EntryRun): ScoringRow[] {
  return Array.from({ length: run.length }, (_, i) => {
    const values = run.values(i) as ScoringRow['values'];
    // The cheap readers agree with the row's values.
    expect([run.contacts(i), run.revenue(i)]).toEqual([values.contacts, values.revenue]);
    const row: ScoringRow = { week: run.week(i), customerId: run.customerId(i), repId: run.repId(i)!, values };
    if (run.carried(i)) row.carried = true;
    return row;
  });
}

const byWeek = (rows: readonly ScoringRow[]): Map<WeekId, ScoringRow[]> => {
  const out = new Map<WeekId, ScoringRow[]>();
  for (const r of rows) out.set(r.week, [...(out.get(r.week) ?? []), r]);
  return out;
};

const packedWeeks = (): WeekId[] => (f.db.sqlite.prepare('SELECT week FROM score_inputs ORDER BY week').pluck().all() as WeekId[]);

/** A simulated book plus what it lacks: carried weeks, two reps on one customer-week, custom values, odd numbers. */
function seed(): { from: WeekId; to: WeekId; customers: Array<{ id: number; name: string; tier: 'key' | 'normal'; industry: string | null; region: string | null; since: string | null }> } {
  f = setup();
  const book = simulateBook({ seed: 5, customers: 120, reps: 4, weeks: 12 });
  const second = f.repos.teams.upsertMember({ teamId: f.teamId, email: 'second@example.com', name: 'Second', role: 'rep' }).id;
  const reps = new Map(book.reps.map((r) => [r.email, f.repos.teams.upsertMember({ teamId: f.teamId, email: r.email, name: r.name, role: 'rep' }).id]));
  const ids = new Map<string, number>();
  let n = 0;
  for (const r of book.records) {
    let id = ids.get(r.customer);
    if (id === undefined) {
      id = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: r.customer, industry: r.industry, region: r.region, tier: r.tier, since: r.since }).id;
      ids.set(r.customer, id);
    }
    const values = Object.fromEntries(FIELD_IDS.map((k) => [k, r[k] ?? null])) as unknown as EntryValues;
    n++;
    // Every 7th a carried week, every 11th with custom values, every 13th with numbers no small int holds.
    const odd = n % 13 === 0 ? { revenue: -1234.5, receivable: 3_000_000_000, overdueDays: 40_000 } : {};
    f.repos.reports.upsertEntry({
      teamId: f.teamId, week: r.week, repId: reps.get(r.rep)!, customerId: id, values: { ...values, ...odd, notes: 'not for the scorer' }, source: 'import',
      ...(n % 7 === 0 ? { carried: true } : {}), ...(n % 11 === 0 ? { custom: { contractEnd: '2026-09-30', seats: n } } : {}),
    }, 't');
    // A second rep's report of the same customer and week (the scorer merges them).
    if (n % 17 === 0) f.repos.reports.upsertEntry({ teamId: f.teamId, week: r.week, repId: second, customerId: id, values: entry({ contacts: 0, revenue: null, health: 'red' }), source: 'chat' }, 't');
  }
  const customers = f.repos.customers.listCustomers(f.teamId).map((c) => ({ id: c.id, name: c.name, tier: c.tier, industry: c.industry, region: c.region, since: c.since }));
  return { from: addWeeks(book.endWeek, -11), to: book.endWeek, customers };
}

describe('scoringWeeks (packed scorer inputs)', () => {
  it('packs the columns scoringRowsInRange reads, in its order', () => {
    expect(`SELECT week, ${PACKED_COLUMNS.map(([c]) => c).join(', ')} FROM entries`).toBe(SCORING_SELECT_CUSTOM);
  });

  for (const custom of [false, true]) {
    it(`gives the scorer the same rows as scoringRowsInRange, read fresh and from the packs${custom ? ' (with custom fields)' : ''}`, () => {
      const { from, to } = seed();
      const expected = byWeek(f.repos.reports.scoringRowsInRange(f.teamId, from, to, { custom }));
      expect([...expected.values()].flat().some((r) => r.carried)).toBe(true);
      // Custom field values are read only when asked for.
      expect([...expected.values()].flat().some((r) => r.values.custom !== undefined)).toBe(custom);
      expect(packedWeeks()).toEqual([]);

      const fresh = f.repos.reports.scoringWeeks(f.teamId, from, to, { custom });
      expect(packedWeeks()).toEqual(weekRange(from, to));
      const packed = f.repos.reports.scoringWeeks(f.teamId, from, to, { custom });
      for (const runs of [fresh, packed]) {
        expect([...runs.keys()]).toEqual([...expected.keys()]);
        for (const [week, rows] of expected) expect(rowsOf(runs.get(week)!)).toStrictEqual(rows);
      }
    });
  }

  it('scores the same from the packs as from the rows', () => {
    const { from, to, customers } = seed();
    f.repos.reports.scoringWeeks(f.teamId, from, to);
    const runs = f.repos.reports.scoringWeeks(f.teamId, from, to);
    const rows = f.repos.reports.scoringRowsInRange(f.teamId, from, to);
    const scores = scoreWeek({ customers, entries: rows, week: to });
    expect(scores.length).toBeGreaterThan(100);
    expect(scoreRuns([...runs.values()], { customers, week: to })).toStrictEqual(scores);
  });

  it('drops the packs with the scores from a week on, and reads a week again when its rows changed', () => {
    const { from, to } = seed();
    f.repos.reports.scoringWeeks(f.teamId, from, to);
    f.repos.scores.invalidateFrom(f.teamId, addWeeks(to, -2));
    expect(packedWeeks()).toEqual(weekRange(from, addWeeks(to, -3)));

    f.repos.reports.scoringWeeks(f.teamId, from, to);
    // A row added without invalidating (a writer that forgot to): the count no longer matches.
    const week = addWeeks(to, -5);
    const extra = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'Newcomer' });
    f.repos.reports.upsertEntry({ teamId: f.teamId, week, repId: f.repId, customerId: extra.id, values: entry({ revenue: 77 }), source: 'chat' }, 't');
    const run = f.repos.reports.scoringWeeks(f.teamId, from, to).get(week)!;
    expect(rowsOf(run)).toStrictEqual(f.repos.reports.scoringRowsInRange(f.teamId, week, week));
    expect(rowsOf(run).at(-1)).toMatchObject({ customerId: extra.id, values: { revenue: 77 } });
  });

  it('reads a week whose values do not fit their columns as rows, unpacked', () => {
    const { from, to } = seed();
    const week = addWeeks(to, -1);
    // SQLite keeps a text it cannot convert in an INTEGER column.
    f.db.sqlite.prepare("UPDATE entries SET contacts = 'several' WHERE id = (SELECT MIN(id) FROM entries WHERE week = ?)").run(week);
    const runs = f.repos.reports.scoringWeeks(f.teamId, from, to);
    expect(packedWeeks()).not.toContain(week);
    expect(rowsOf(runs.get(week)!)).toStrictEqual(f.repos.reports.scoringRowsInRange(f.teamId, week, week));
    expect(rowsOf(runs.get(week)!)[0]!.values.contacts).toBe('several');
  });
});
