// The simulator: deterministic, realistic shape, import format, planted truth; naive rule and evaluate.
import { describe, expect, it } from 'vitest';
import { TAGS } from '../../../src/core/customer-risk/types.js';
import { evaluate } from '../../../src/core/simulate/evaluate.js';
import { naiveFlags } from '../../../src/core/simulate/naive-flags.js';
import { simulateBook } from '../../../src/core/simulate/simulate-book.js';
import { recordsToScoreArgs } from '../../../src/core/simulate/to-score-args.js';
import { FIELD_IDS } from '../../../src/core/weekly-report/template.js';
import { isWeekId, weeksBetween } from '../../../src/core/weekly-report/week.js';

describe('simulateBook', () => {
  const book = simulateBook({ seed: 7, customers: 90, reps: 6, weeks: 20, endWeek: '2026-W40' });

  it('is deterministic per seed and differs across seeds', () => {
    expect(simulateBook({ seed: 7, customers: 90, reps: 6, weeks: 20, endWeek: '2026-W40' })).toEqual(book);
    expect(simulateBook({ seed: 8, customers: 90, reps: 6, weeks: 20, endWeek: '2026-W40' }).records).not.toEqual(book.records);
  });

  it('varies its shape by seed when sizes are not given', () => {
    const shapes = [1, 2, 3, 4].map((seed) => simulateBook({ seed }).params);
    expect(new Set(shapes.map((p) => `${p.customers}/${p.weeks}/${p.revenueCv[1].toFixed(2)}`)).size).toBe(4);
  });

  it('writes records in the import format', () => {
    expect(book.weeks).toHaveLength(20);
    expect(book.endWeek).toBe('2026-W40');
    const r = book.records[0]!;
    for (const key of ['week', 'rep', 'repName', 'customer', 'industry', 'region', 'tier', 'since', ...FIELD_IDS]) expect(r).toHaveProperty(key);
    expect(book.records.every((x) => isWeekId(x.week) && /@example\.com$/.test(x.rep))).toBe(true);
    expect(book.customers.some((c) => /[\u4e00-\u9fff]/.test(c.name))).toBe(true);
    expect(book.customers.some((c) => /^[A-Za-z]/.test(c.name))).toBe(true);
    expect(new Set(book.customers.map((c) => c.name)).size).toBe(book.customers.length);
    // some reports are missing: fewer records than customer-weeks
    expect(book.records.length).toBeLessThan(book.customers.length * book.weeks.length);
  });

  it('plants every tag with a recent onset, and distractors', () => {
    expect(new Set(book.truth.map((t) => t.tag))).toEqual(new Set(TAGS));
    for (const t of book.truth) {
      const ago = weeksBetween(t.onsetWeek, book.endWeek);
      expect(ago).toBeGreaterThanOrEqual(1);
      expect(ago).toBeLessThanOrEqual(6);
    }
    const kinds = new Set(book.distractors.map((d) => d.kind));
    for (const k of ['one_off_complaint', 'payment_lag', 'single_requirement_change', 'one_pushed_close', 'lumpy_revenue', 'missing_report']) {
      expect(kinds).toContain(k);
    }
  });
});

describe('naiveFlags and evaluate', () => {
  it('flags any overdue, any complaint or halved revenue, and evaluate counts hits', () => {
    const customers = [1, 2, 3, 4].map((id) => ({ id, name: `C${id}`, tier: 'normal' as const, industry: null, region: null, since: null }));
    const v = (p: object) => ({ contacts: 1, lastContact: null, revenue: 100, receivable: null, overdueDays: 0, complaints: 0, complaintType: null, requirementChanges: 0, faults: 0, usage: null, stage: null, expectedClose: null, health: null, collected: null, paymentTermDays: null, notes: null, ...p });
    const entries = [
      ...customers.map((c) => ({ week: '2026-W01', customerId: c.id, values: v({}) })),
      { week: '2026-W02', customerId: 1, values: v({ overdueDays: 2 }) },
      { week: '2026-W02', customerId: 2, values: v({ complaints: 1 }) },
      { week: '2026-W02', customerId: 3, values: v({ revenue: 40 }) },
      { week: '2026-W02', customerId: 4, values: v({}) },
    ];
    const flags = naiveFlags({ customers, entries, week: '2026-W02' });
    expect(flags.map((f) => f.tags[0] ?? null)).toEqual(['overdue', 'complaints', 'declining', null]);
    const ev = evaluate(new Map([['2026-W02', flags]]), [{ customer: 'C1', tag: 'overdue', onsetWeek: '2026-W02' }, { customer: 'C4', tag: 'silent', onsetWeek: '2026-W01' }], {
      customerName: (id) => `C${id}`,
    });
    expect(ev).toMatchObject({ flagged: 3, hits: 1, planted: 2, recall: 0.5, primaryTagAccuracy: 1, medianDetectionDelay: 0, falseAlarms: 2, healthyCustomerWeeks: 2 });
    expect(ev.precision).toBeCloseTo(1 / 3);
    expect(ev.misses).toEqual([{ customer: 'C4', tag: 'silent' }]);
  });

  it('maps records to scoreWeek input with stable ids', () => {
    const book = simulateBook({ seed: 3, customers: 40, reps: 4, weeks: 12 });
    const args = recordsToScoreArgs(book.records);
    expect(args.customers).toHaveLength(40);
    expect(args.entries).toHaveLength(book.records.length);
    expect(args.nameOf.get(args.idOf.get(book.customers[0]!.name)!)).toBe(book.customers[0]!.name);
  });
  it('refuses a book too short to plant problems in, naming the minimum', () => {
    expect(() => simulateBook({ seed: 1, customers: 30, reps: 3, weeks: 5 })).toThrow(/weeks must be at least 6, got 5/);
    for (let seed = 1; seed <= 40; seed++) expect(simulateBook({ seed, customers: 30, reps: 3, weeks: 6 }).weeks).toHaveLength(6);
  });
});
