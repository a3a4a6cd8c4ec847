// 回款 vs 成交: the payment dimension with the optional payment term (账期) and cash collected (本周回款).
import { describe, expect, it } from 'vitest';
import { graceFor, scorePayment } from '../../../src/core/customer-risk/dimensions/payment.dimension.js';
import { makeContext } from '../../../src/core/customer-risk/history.js';
import type { WeekObservation } from '../../../src/core/customer-risk/types.js';
import { DEFAULT_SCORING } from '../../../src/core/customer-risk/weights.js';
import { input, steady } from './history-builder.js';

const ctx = (h: WeekObservation[]) => makeContext(input(h), DEFAULT_SCORING);
const score = (h: WeekObservation[]) => scorePayment(ctx(h));

describe('payment with a payment term', () => {
  it('tolerates a lag proportional to the term, between the grace period and three times it', () => {
    expect(graceFor(5, null)).toBe(5);
    expect(graceFor(5, 30)).toBe(5);
    expect(graceFor(5, 90)).toBe(9);
    expect(graceFor(5, 365)).toBe(15);
  });

  it('judges 8 days late against the customer’s own term: risk on a 30-day term, ordinary lag on a 120-day term', () => {
    const short = score(steady(10, [{ overdueDays: 8, paymentTermDays: 30 }]));
    const long = score(steady(10, [{ overdueDays: 8, paymentTermDays: 120 }]));
    expect(short.score).toBeGreaterThan(0);
    expect(long.score).toBe(0);
    // Without a term, the flat grace period applies as before.
    expect(score(steady(10, [{ overdueDays: 8 }])).score).toBe(short.score);
  });

  it('takes the latest reported term (carried week to week) and names it in the reason', () => {
    const s = score(steady(10, [{ paymentTermDays: 60 }, { overdueDays: 40 }]));
    expect(s.facts).toMatchObject({ paymentTermDays: 60, graceDays: 6 });
    expect(s.reason?.zh).toContain('逾期 40 天，应收 ¥30,000（账期 60 天）');
    expect(s.reason?.en).toContain('40 days overdue on ¥30,000 (on a 60-day term)');
  });
});

describe('payment with cash collected', () => {
  it('softens an overdue customer paying down a good share of what it owes this week, and says so', () => {
    const stalled = score(steady(10, [{ overdueDays: 45, receivable: 40000 }]));
    const paying = score(steady(10, [{ overdueDays: 45, receivable: 40000, collected: 20000 }]));
    expect(paying.score).toBeLessThan(stalled.score);
    expect(paying.score).toBeGreaterThan(0);
    expect(paying.reason?.en).toContain('¥20,000 collected this week');
    expect(paying.reason?.zh).toContain('本周回款 ¥20,000');
  });

  it('does not soften for a token payment, nor for cash collected in an earlier week', () => {
    const stalled = score(steady(10, [{ overdueDays: 45, receivable: 40000 }])).score;
    expect(score(steady(10, [{ overdueDays: 45, receivable: 40000, collected: 500 }])).score).toBe(stalled);
    expect(score(steady(10, [{ collected: 30000 }, { overdueDays: 45, receivable: 40000 }])).score).toBe(stalled);
  });
});
