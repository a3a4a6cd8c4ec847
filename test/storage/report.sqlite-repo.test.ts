import { afterEach, describe, expect, it } from 'vitest';
import { entry, setup, type Fixture } from './helpers.js';

let f: Fixture;
afterEach(() => f?.db.close());

describe('SqliteReportRepo', () => {
  it('upserts entries idempotently by (week, rep, customer)', () => {
    f = setup();
    const c = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'Acme' });
    const base = { teamId: f.teamId, week: '2026-W40', repId: f.repId, customerId: c.id, source: 'import' as const };
    expect(f.repos.reports.upsertEntry({ ...base, values: entry() }, 't1')).toBe(true);
    expect(f.repos.reports.upsertEntry({ ...base, values: entry() }, 't2')).toBe(false);
    expect(f.repos.reports.entriesForWeek(f.teamId, '2026-W40')[0]?.updatedAt).toBe('t1');
    expect(f.repos.reports.upsertEntry({ ...base, values: entry({ notes: '新的 "备注"' }) }, 't3')).toBe(true);
    const rows = f.repos.reports.entriesForWeek(f.teamId, '2026-W40');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual({ ...base, values: entry({ notes: '新的 "备注"' }), updatedAt: 't3', carried: false, custom: {} });
  });

  it('stores the carried flag, counts a change of it as a change, and hands it to the scorer', () => {
    f = setup();
    const c = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'Acme' });
    const base = { teamId: f.teamId, week: '2026-W40', repId: f.repId, customerId: c.id, source: 'chat' as const, values: entry() };
    expect(f.repos.reports.upsertEntry({ ...base, carried: true }, 't1')).toBe(true);
    expect(f.repos.reports.entriesForWeek(f.teamId, '2026-W40')[0]?.carried).toBe(true);
    expect(f.repos.reports.scoringRowsInRange(f.teamId, '2026-W40', '2026-W40')[0]?.carried).toBe(true);
    // Saving the same values from the form makes it a real report.
    expect(f.repos.reports.upsertEntry(base, 't2')).toBe(true);
    expect(f.repos.reports.entriesForWeek(f.teamId, '2026-W40')[0]?.carried).toBe(false);
    expect(f.repos.reports.scoringRowsInRange(f.teamId, '2026-W40', '2026-W40')[0]).not.toHaveProperty('carried');
    expect(f.repos.reports.firstWeek(f.teamId)).toBe('2026-W40');
  });

  it("reads each customer's latest entry in a range with one query", () => {
    f = setup();
    const a = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
    const b = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'B' });
    for (const [week, customerId, revenue] of [['2026-W39', a.id, 1], ['2026-W41', a.id, 3], ['2026-W40', b.id, 2], ['2026-W43', b.id, 9]] as const) {
      f.repos.reports.upsertEntry({ teamId: f.teamId, week, repId: f.repId, customerId, values: entry({ revenue }), source: 'chat' }, 't');
    }
    const latest = f.repos.reports.latestEntries(f.teamId, '2026-W38', '2026-W42');
    expect(latest.map((e) => [e.customerId, e.week, e.values.revenue])).toEqual([[a.id, '2026-W41', 3], [b.id, '2026-W40', 2]]);
  });

  it("reads one customer's entries in a range, ascending by week", () => {
    f = setup();
    const a = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
    const b = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'B' });
    for (const [week, customerId, revenue] of [['2026-W41', a.id, 3], ['2026-W38', a.id, 1], ['2026-W40', b.id, 2], ['2026-W39', a.id, 2], ['2026-W43', a.id, 9]] as const) {
      f.repos.reports.upsertEntry({ teamId: f.teamId, week, repId: f.repId, customerId, values: entry({ revenue }), source: 'chat' }, 't');
    }
    const rows = f.repos.reports.customerEntries(a.id, '2026-W39', '2026-W42');
    expect(rows.map((e) => [e.customerId, e.week, e.values.revenue])).toEqual([[a.id, '2026-W39', 2], [a.id, '2026-W41', 3]]);
  });

  it('gives the scorer every field but notes, in week order', () => {
    f = setup();
    const a = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
    const values = entry({ revenue: 5, overdueDays: 12, stage: 'negotiation', expectedClose: '2026-12-01', notes: 'long notes' });
    f.repos.reports.upsertEntry({ teamId: f.teamId, week: '2026-W41', repId: f.repId, customerId: a.id, values, source: 'chat' }, 't');
    f.repos.reports.upsertEntry({ teamId: f.teamId, week: '2026-W40', repId: f.repId, customerId: a.id, values: entry(), source: 'chat' }, 't');
    const rows = f.repos.reports.scoringRowsInRange(f.teamId, '2026-W40', '2026-W41');
    expect(rows.map((r) => r.week)).toEqual(['2026-W40', '2026-W41']);
    expect(rows[1]).toEqual({ week: '2026-W41', customerId: a.id, repId: f.repId, values: { ...values, notes: null } });
  });

  it('reads ranges in week order, the last entry before a week, and weeks with entries', () => {
    f = setup();
    const a = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'A' });
    const b = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'B' });
    for (const [week, customerId, revenue] of [['2026-W41', a.id, 3], ['2026-W39', a.id, 1], ['2026-W40', b.id, 2], ['2026-W42', b.id, 4]] as const) {
      f.repos.reports.upsertEntry({ teamId: f.teamId, week, repId: f.repId, customerId, values: entry({ revenue }), source: 'chat' }, 't');
    }
    const range = f.repos.reports.entriesInRange(f.teamId, '2026-W40', '2026-W41');
    expect(range.map((e) => [e.week, e.values.revenue])).toEqual([['2026-W40', 2], ['2026-W41', 3]]);
    expect(f.repos.reports.lastEntryBefore(a.id, '2026-W41')?.week).toBe('2026-W39');
    expect(f.repos.reports.lastEntryBefore(a.id, '2026-W39')).toBeNull();
    expect(f.repos.reports.weeksWithEntries(f.teamId)).toEqual(['2026-W39', '2026-W40', '2026-W41', '2026-W42']);
    expect(f.repos.reports.weeksWithEntries(f.teamId + 1)).toEqual([]);
  });

  it('tracks report submission and lateness', () => {
    f = setup();
    expect(f.repos.reports.reportStatuses(f.teamId, '2026-W40')).toEqual([]);
    f.repos.reports.markSubmitted(f.teamId, '2026-W40', f.repId, '2026-10-02T08:00:00Z', false);
    f.repos.reports.markSubmitted(f.teamId, '2026-W40', f.repId, '2026-10-06T08:00:00Z', true);
    expect(f.repos.reports.reportStatuses(f.teamId, '2026-W40')).toEqual([
      { teamId: f.teamId, week: '2026-W40', repId: f.repId, submittedAt: '2026-10-06T08:00:00Z', late: true },
    ]);
  });

  it('reads the report statuses of a range of weeks in week order', () => {
    f = setup();
    for (const week of ['2026-W42', '2026-W39', '2026-W40', '2026-W44'] as const) f.repos.reports.markSubmitted(f.teamId, week, f.repId, '2026-10-01T08:00:00Z', false);
    expect(f.repos.reports.reportStatusesInRange(f.teamId, '2026-W40', '2026-W42').map((s) => s.week)).toEqual(['2026-W40', '2026-W42']);
  });

  it('reads 20,000 customers × 26 weeks in week order with one indexed query', () => {
    f = setup();
    const { sqlite } = f.db;
    // Bulk-load directly: this test is about the read path.
    sqlite.transaction(() => {
      const ins = sqlite.prepare("INSERT INTO customers (team_id, name, name_key) VALUES (?, ?, ?)");
      for (let i = 0; i < 20_000; i++) ins.run(f.teamId, `C${i}`, `c${i}`);
      sqlite.prepare(`INSERT INTO entries (team_id, week, rep_id, customer_id, contacts, revenue, receivable, overdue_days, stage, source, updated_at)
        SELECT ?, printf('2026-W%02d', w.value), ?, c.id, 2, 1000.5, 5000, 0, 'live', 'import', 't'
        FROM customers c, (WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 26) SELECT value FROM n) w`)
        .run(f.teamId, f.repId);
    })();
    const rows = f.repos.reports.entriesInRange(f.teamId, '2026-W01', '2026-W26');
    expect(rows).toHaveLength(520_000);
    expect(rows[0]?.week).toBe('2026-W01');
    expect(rows.at(-1)?.week).toBe('2026-W26');
    expect(rows[0]?.values.revenue).toBe(1000.5);
    const plan = sqlite.prepare("EXPLAIN QUERY PLAN SELECT * FROM entries WHERE team_id = 1 AND week BETWEEN 'a' AND 'b' ORDER BY week")
      .all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/entries_team_week_idx/);
  });
});
