// Index, grading, hard triggers, escalation, tags and reasons of a whole customer score.
import { describe, expect, it } from 'vitest';
import { reasonLines, reasonSummary } from '../../../src/core/customer-risk/reasons.js';
import { compressTop, scoreCustomer } from '../../../src/core/customer-risk/score-customer.js';
import { DEFAULT_SCORING, parseScoringConfig, ScoringConfigError } from '../../../src/core/customer-risk/weights.js';
import { addWeeks } from '../../../src/core/weekly-report/week.js';
import { END, input, steady } from './history-builder.js';

describe('scoreCustomer', () => {
  it('leaves a healthy customer unflagged with no tags', () => {
    const s = scoreCustomer(input(steady(20)));
    expect(s).toMatchObject({ grade: null, tags: [], reasons: [], weeksInRed: 0, hasData: true, delta: null });
    expect(s.index).toBeLessThan(20);
  });

  it('lets one severe dimension flag the customer (not diluted by six quiet ones)', () => {
    const s = scoreCustomer(input(steady(12, [{ overdueDays: 20 }, { overdueDays: 45 }])));
    expect(s.grade).not.toBeNull();
    expect(s.tags[0]).toBe('overdue');
    expect(s.index).toBeGreaterThanOrEqual(70);
  });

  it('orders tags by contribution and gives reasons in tag order, zh and en with numbers', () => {
    const s = scoreCustomer(input(steady(16, [
      { overdueDays: 53 }, { overdueDays: 60, complaints: 2, complaintType: 'service' },
    ])));
    expect(s.tags).toEqual(['overdue', 'complaints']);
    expect(s.reasons[0]).toEqual({
      zh: '逾期 60 天，应收 ¥30,000（上次报告已逾期 53 天，仍未回款）',
      en: '60 days overdue on ¥30,000 (already 53 days at the previous report, still unpaid)',
    });
    expect(reasonLines(s, 'en')[1]).toContain('2 new complaints in the last 6 weeks');
    expect(reasonSummary(s, 'zh')).toContain('；');
    // a combination scores above its worst part
    expect(s.index).toBeGreaterThan(s.dimensions.payment.score);
  });

  it('makes 90+ days overdue grade A whatever the index', () => {
    const s = scoreCustomer(input(steady(12, [{ overdueDays: 95, receivable: 800 }])));
    expect(s.grade).toBe('A');
    expect(s.reasons.some((r) => r.en.includes('95 days overdue (≥90): grade A'))).toBe(true);
  });

  it('escalates a key account from B to A', () => {
    // 47 days overdue and ageing: an index in the high 70s, B for a normal account (A starts at 93).
    const tail = [{ overdueDays: 40 }, { overdueDays: 47 }];
    const normal = scoreCustomer(input(steady(12, tail)));
    const key = scoreCustomer(input(steady(12, tail), { customer: { tier: 'key' } }));
    expect(normal.grade).toBe('B');
    expect(key.grade).toBe('A');
    expect(key.reasons.at(-1)?.zh).toBe('重点客户，升级为 A 级');
  });

  it('counts weeks in red and the delta against last week', () => {
    const h = steady(12, [{ overdueDays: 20 }, { overdueDays: 27 }]);
    const s = scoreCustomer(input(h, { previous: { week: addWeeks(END, -1), index: 40, grade: 'B', weeksInRed: 2 } }));
    expect(s.weeksInRed).toBe(3);
    expect(s.delta).toBe(s.index - 40);
    // a stale previous score does not continue the streak
    const stale = scoreCustomer(input(h, { previous: { week: addWeeks(END, -3), index: 40, grade: 'B', weeksInRed: 2 } }));
    expect(stale.weeksInRed).toBe(1);
  });

  it('never lowers risk for a green self-rating; red adds a little', () => {
    const tail = [{ overdueDays: 20 }, { overdueDays: 27 }];
    const green = scoreCustomer(input(steady(12, tail.map((t) => ({ ...t, health: 'green' as const })))));
    const none = scoreCustomer(input(steady(12, tail.map((t) => ({ ...t, health: null })))));
    const red = scoreCustomer(input(steady(12, tail.map((t) => ({ ...t, health: 'red' as const })))));
    expect(green.index).toBe(none.index);
    expect(red.index).toBe(none.index + DEFAULT_SCORING.healthRedBonus);
    // red alone does not flag a healthy customer
    expect(scoreCustomer(input(steady(20, [{ health: 'red' }]))).grade).toBeNull();
  });

  it('tolerates nulls everywhere', () => {
    const allNull = { contacts: null, revenue: null, receivable: null, overdueDays: null, complaints: null, requirementChanges: null, faults: null, usage: null, stage: null, health: null };
    const s = scoreCustomer(input(steady(10, [{}, {}], allNull)));
    expect(s.grade).toBeNull();
    expect(Number.isFinite(s.index)).toBe(true);
  });

  it('does not grade on stale data (no report for many weeks)', () => {
    const s = scoreCustomer(input(steady(8, [{ overdueDays: 40 }, null, null, null, null, null, null])));
    expect(s.hasData).toBe(false);
    expect(s.grade).toBeNull();
  });
});

describe('parseScoringConfig', () => {
  it('fills defaults for a partial config', () => {
    const cfg = parseScoringConfig({ grades: { B: 45 } });
    expect(cfg.grades).toEqual({ ...DEFAULT_SCORING.grades, B: 45 });
    expect(cfg.weights).toEqual(DEFAULT_SCORING.weights);
  });
  it('names the key path and the problem', () => {
    expect(() => parseScoringConfig({ grades: { B: 150 } })).toThrow(/scoring\.grades\.B: .*100/);
    expect(() => parseScoringConfig({ weights: { payment: 'high' } })).toThrow(/scoring\.weights\.payment: .*number/);
    expect(() => parseScoringConfig({ gardes: {} })).toThrow(/gardes/);
    expect(() => parseScoringConfig({ grades: { A: 40, B: 60 } })).toThrow(/scoring\.grades\.A: must be ≥ grades\.B/);
    try {
      parseScoringConfig({ historyWeeks: 2 });
    } catch (e) {
      expect(e).toBeInstanceOf(ScoringConfigError);
      expect((e as ScoringConfigError).code).toBe('invalid_scoring_config');
      expect((e as ScoringConfigError).userMessage.en).toContain('scoring.historyWeeks');
    }
  });
  it('changes grading when thresholds change', () => {
    const h = steady(12, [{ overdueDays: 20 }, { overdueDays: 27 }]);
    const strict = parseScoringConfig({ grades: { A: 95, B: 90 }, hardTriggers: { overdueDaysB: 80, overdueDaysA: 120 } });
    expect(scoreCustomer(input(h), strict).grade).toBeNull();
  });
});

describe('compressTop (the index does not saturate)', () => {
  it('leaves the index below the knee alone, and keeps distinct severe risks distinct above it', () => {
    expect(compressTop(62.4, 90, 90)).toBe(62);
    expect(compressTop(90, 150, 90)).toBe(90);
    const one = compressTop(100, 100, 90);
    const more = compressTop(100, 125, 90);
    const most = compressTop(104, 140, 90);
    expect(one).toBeGreaterThan(90);
    expect(more).toBeGreaterThan(one);
    expect(most).toBeGreaterThan(more);
    expect(most).toBeLessThan(100);
    // Continuous at the knee and increasing in the damped index.
    expect(compressTop(90.1, 95, 90) - 90).toBeLessThan(0.2);
    let prev = 0;
    for (let x = 80; x <= 105; x += 0.5) {
      const y = compressTop(x, x + 20, 90);
      expect(y).toBeGreaterThanOrEqual(prev);
      prev = y;
    }
    // 100 turns it off.
    expect(compressTop(104, 160, 100)).toBe(100);
  });
});
