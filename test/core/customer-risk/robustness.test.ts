// Robustness rules learned from the held-out book: what a real report book throws at the scorer.
import { describe, expect, it } from 'vitest';
import { scoreActivity } from '../../../src/core/customer-risk/dimensions/activity.dimension.js';
import { scoreComplaints } from '../../../src/core/customer-risk/dimensions/complaints.dimension.js';
import { scoreFit } from '../../../src/core/customer-risk/dimensions/fit.dimension.js';
import { scorePayment } from '../../../src/core/customer-risk/dimensions/payment.dimension.js';
import { scoreRevenue } from '../../../src/core/customer-risk/dimensions/revenue.dimension.js';
import { countSurprise, makeContext } from '../../../src/core/customer-risk/history.js';
import type { WeekObservation } from '../../../src/core/customer-risk/types.js';
import { DEFAULT_SCORING } from '../../../src/core/customer-risk/weights.js';
import { history, input, steady } from './history-builder.js';

const ctx = (h: WeekObservation[]) => makeContext(input(h), DEFAULT_SCORING);
const FLAG = DEFAULT_SCORING.grades.B;

describe('lost customers', () => {
  it('are not silent news once lost', () => {
    const lost = { stage: 'lost' as const, contacts: 0, revenue: 0 };
    expect(scoreActivity(ctx(steady(16, [lost, lost, lost, lost, lost], { contacts: 4 }))).score).toBe(0);
  });
  it('flag the drop only right after being marked lost, not for ever', () => {
    const lost = { stage: 'lost' as const, revenue: 0 };
    expect(scoreRevenue(ctx(steady(16, [lost])) ).score).toBeGreaterThanOrEqual(FLAG);
    expect(scoreRevenue(ctx(steady(16, [lost, lost, lost, lost, lost, lost]))).score).toBe(0);
  });
});

describe('low-touch accounts', () => {
  it('are never flagged silent for a long quiet spell that is their normal', () => {
    const rare = Array.from({ length: 20 }, (_, i) => ({ contacts: i % 4 === 0 ? 1 : 0 }));
    const s = scoreActivity(ctx(history([...rare, ...Array.from({ length: 12 }, () => ({ contacts: 0 }))])));
    expect(s.score).toBeLessThan(FLAG);
  });
});

describe('faults', () => {
  it('let a one-week incident fade like a blip', () => {
    expect(scoreFit(ctx(steady(16, [{ faults: 6 }, {}, {}]))).score).toBeLessThan(FLAG);
  });
  it('flag faults week after week', () => {
    expect(scoreFit(ctx(steady(16, [{ faults: 3 }, { faults: 4 }]))).score).toBeGreaterThanOrEqual(FLAG);
  });
  it('surprise less on a short record (gamma–Poisson predictive)', () => {
    expect(countSurprise(6, 4, 0, 0, 0.25, 4)).toBeLessThan(countSurprise(6, 4, 5, 20, 0.25, 4));
    expect(countSurprise(0, 4, 0, 0, 0.25, 4)).toBe(0);
  });
});

describe('complaints', () => {
  it('flag complaints that keep coming back every other week', () => {
    const s = scoreComplaints(ctx(steady(12, [{ complaints: 1 }, {}, { complaints: 1 }, {}, { complaints: 1 }, {}])));
    expect(s.score).toBeGreaterThanOrEqual(FLAG);
  });
  it('count a missing report as unknown, not as a quiet week', () => {
    const withGap = scoreComplaints(ctx(steady(12, [{ complaints: 1 }, { complaints: 1 }, null, null])));
    expect(withGap.score).toBeGreaterThanOrEqual(FLAG);
  });
});

describe('payment across a missing report', () => {
  it('ages the last known overdue debt by the weeks since it was reported', () => {
    const s = scorePayment(ctx(steady(10, [{ overdueDays: 20 }, { overdueDays: 27 }, null])));
    expect(s.facts.overdueDays).toBe(34);
    expect(s.score).toBeGreaterThanOrEqual(FLAG);
    expect(s.reason?.en).toContain('estimated from 27 days reported 1 week ago');
  });
  it('does not invent a debt from an ordinary lag', () => {
    expect(scorePayment(ctx(steady(10, [{ overdueDays: 3 }, null]))).score).toBe(0);
  });
  it('takes twice the ordinary lag as overdue', () => {
    expect(scorePayment(ctx(steady(10, [{ overdueDays: 10 }]))).score).toBeGreaterThanOrEqual(FLAG);
    expect(scorePayment(ctx(steady(10, [{ overdueDays: 1 }, { overdueDays: 7 }]))).score).toBeGreaterThanOrEqual(FLAG);
  });
});
