// Each dimension on its own, including the robustness cases real reports need.
import { describe, expect, it } from 'vitest';
import { scoreActivity } from '../../../src/core/customer-risk/dimensions/activity.dimension.js';
import { scoreChurn } from '../../../src/core/customer-risk/dimensions/churn.dimension.js';
import { scoreComplaints } from '../../../src/core/customer-risk/dimensions/complaints.dimension.js';
import { scoreCycle } from '../../../src/core/customer-risk/dimensions/cycle.dimension.js';
import { scoreFit } from '../../../src/core/customer-risk/dimensions/fit.dimension.js';
import { scorePayment } from '../../../src/core/customer-risk/dimensions/payment.dimension.js';
import { scoreRevenue } from '../../../src/core/customer-risk/dimensions/revenue.dimension.js';
import { makeContext } from '../../../src/core/customer-risk/history.js';
import type { WeekObservation } from '../../../src/core/customer-risk/types.js';
import { DEFAULT_SCORING } from '../../../src/core/customer-risk/weights.js';
import { history, input, steady } from './history-builder.js';

const ctx = (h: WeekObservation[]) => makeContext(input(h), DEFAULT_SCORING);
const FLAG = DEFAULT_SCORING.grades.B;

// Revenue that wobbles like real run-rate revenue (±15%), deterministic.
const wobble = (n: number, level = 10000) =>
  Array.from({ length: n }, (_, i) => ({ revenue: Math.round(level * (1 + 0.15 * Math.sin(i * 1.7))) }));

describe('payment', () => {
  it('treats a 1–5 day lag as no risk', () => {
    for (const d of [1, 3, 5]) expect(scorePayment(ctx(steady(10, [{ overdueDays: d }]))).score).toBe(0);
  });
  it('flags an invoice that keeps ageing week after week', () => {
    const s = scorePayment(ctx(steady(10, [{ overdueDays: 3 }, { overdueDays: 10 }])));
    expect(s.score).toBeGreaterThanOrEqual(FLAG);
    expect(s.reason?.en).toContain('10 days overdue on ¥30,000');
  });
  it('rises with the age of the debt', () => {
    const at = (d: number) => scorePayment(ctx(steady(10, [{ overdueDays: d }]))).score;
    expect(at(14)).toBeLessThan(at(45));
    expect(at(45)).toBeLessThan(at(95));
    expect(at(95)).toBeGreaterThanOrEqual(90);
  });
  it('keeps the last known value when this week has no report', () => {
    expect(scorePayment(ctx(steady(10, [{ overdueDays: 40 }, null]))).score).toBeGreaterThanOrEqual(FLAG);
  });
  it('discounts "overdue" with nothing owed', () => {
    const owed = scorePayment(ctx(steady(10, [{ overdueDays: 30 }]))).score;
    expect(scorePayment(ctx(steady(10, [{ overdueDays: 30, receivable: 0 }]))).score).toBeLessThan(owed / 2);
  });
});

describe('activity', () => {
  it('flags weeks of silence from a customer usually in touch', () => {
    const s = scoreActivity(ctx(steady(16, [{ contacts: 0 }, { contacts: 0 }, { contacts: 0 }], { contacts: 4 })));
    expect(s.score).toBeGreaterThanOrEqual(FLAG);
    expect(s.reason?.en).toContain('3 reported weeks');
    expect(s.reason?.zh).toContain('连续 3 周无有效沟通');
  });
  it('does not flag one quiet (holiday) week', () => {
    expect(scoreActivity(ctx(steady(16, [{ contacts: 0 }], { contacts: 5 }))).score).toBeLessThan(FLAG);
  });
  it('treats a missing report as unknown, not zero contacts', () => {
    expect(scoreActivity(ctx(steady(16, [null, null, null], { contacts: 4 }))).score).toBe(0);
    // and missing weeks do not add to a quiet run
    expect(scoreActivity(ctx(steady(16, [{ contacts: 0 }, null, null], { contacts: 4 }))).score).toBeLessThan(FLAG);
  });
  it('does not flag two quiet weeks on their own (the first may be anyone’s busy week)', () => {
    expect(scoreActivity(ctx(steady(16, [{ contacts: 0 }, { contacts: 0 }], { contacts: 4 }))).score).toBeLessThan(FLAG);
  });
  it('counts unreported weeks as silent when a later last-contact date shows nobody was in touch', () => {
    const tail = (lastContact: string | null) => [{ contacts: 0, lastContact }, null, null, { contacts: 0, lastContact }];
    expect(scoreActivity(ctx(steady(16, tail(null), { contacts: 4 }))).score).toBeLessThan(FLAG);
    const s = scoreActivity(ctx(steady(16, tail('2026-04-15'), { contacts: 4 })));
    expect(s.score).toBeGreaterThanOrEqual(FLAG);
    expect(s.facts.silentWeeks).toBe(4);
    expect(s.reason?.en).toContain('2 without a report');
  });
  it('ignores excused weeks (rep away, team holiday)', () => {
    const h = steady(16, [{ excused: true, entry: { contacts: 0 } }, { excused: true, entry: { contacts: 0 } }, { contacts: 0 }], { contacts: 4 });
    expect(scoreActivity(ctx(h)).score).toBeLessThan(FLAG);
  });
  it('judges silence against the customer’s own habits', () => {
    const rare = history(Array.from({ length: 19 }, (_, i) => ({ contacts: i % 2 })).concat([{ contacts: 0 }, { contacts: 0 }]));
    expect(scoreActivity(ctx(rare)).score).toBeLessThan(FLAG);
  });
});

describe('complaints', () => {
  it('lets a one-off old complaint fade', () => {
    const s = scoreComplaints(ctx(steady(10, [{ complaints: 2 }, {}, {}, {}, {}, {}])));
    expect(s.score).toBeLessThan(20);
    expect(s.reason).toBeNull();
  });
  it('does not flag a single new complaint', () => {
    expect(scoreComplaints(ctx(steady(10, [{ complaints: 1 }]))).score).toBeLessThan(FLAG);
  });
  it('flags complaints week after week', () => {
    const s = scoreComplaints(ctx(steady(10, [{ complaints: 1, complaintType: 'quality' }, { complaints: 2, complaintType: 'quality' }])));
    expect(s.score).toBeGreaterThanOrEqual(FLAG);
    expect(s.reason?.en).toBe('3 new complaints in the last 6 weeks, in 2 weeks (mostly quality)');
    expect(s.reason?.zh).toContain('近 6 周新增投诉 3 次');
  });
});

describe('requirement churn', () => {
  it('treats a single change as noise', () => {
    expect(scoreChurn(ctx(steady(12, [{ requirementChanges: 1 }]))).score).toBeLessThan(DEFAULT_SCORING.tagFloor);
  });
  it('flags many changes close together', () => {
    expect(scoreChurn(ctx(steady(12, [{ requirementChanges: 2 }, { requirementChanges: 3 }]))).score).toBeGreaterThanOrEqual(FLAG);
  });
  it('judges against a customer that always changes a little', () => {
    const usual = history(Array.from({ length: 20 }, (_, i) => ({ requirementChanges: i % 2 })).concat([{ requirementChanges: 1 }, { requirementChanges: 1 }]));
    expect(scoreChurn(ctx(usual)).score).toBeLessThan(FLAG);
  });
});

describe('product fit', () => {
  it('flags usage dropping to none with faults', () => {
    const s = scoreFit(ctx(steady(12, [{ usage: 'none', faults: 3 }])));
    expect(s.score).toBeGreaterThanOrEqual(FLAG);
    expect(s.reason?.en).toContain('Usage none (was normal)');
  });
  it('ignores usage for open deals (leads do not use the product yet)', () => {
    expect(scoreFit(ctx(steady(12, [{ usage: 'none' }], { ...{ stage: 'proposal' as const }, usage: 'none' }))).score).toBe(0);
  });
  it('does not flag a one-week usage blip of one level', () => {
    expect(scoreFit(ctx(steady(12, [{ usage: 'low' }]))).score).toBeLessThan(FLAG);
  });
});

describe('revenue trend', () => {
  it('flags an established customer whose revenue fell by more than half', () => {
    const h = history([...wobble(16), { revenue: 3500 }, { revenue: 3000 }, { revenue: 3200 }]);
    const s = scoreRevenue(ctx(h));
    expect(s.score).toBeGreaterThanOrEqual(FLAG);
    expect(s.reason?.en).toMatch(/down \d+% from ¥/);
  });
  it('treats a single zero week as normal', () => {
    expect(scoreRevenue(ctx(history([...wobble(18), { revenue: 0 }])))).toMatchObject({ score: 0 });
  });
  it('does not flag lumpy project orders', () => {
    const lumpy = Array.from({ length: 22 }, (_, i) => ({ revenue: i % 5 === 0 ? 60000 : 0 }));
    // the last four weeks happen to have no order
    expect(scoreRevenue(ctx(history([...lumpy, {}].map((w) => ({ revenue: 0, ...w }))))).score).toBeLessThan(FLAG);
  });
  it('ignores customers without established revenue', () => {
    expect(scoreRevenue(ctx(history([...wobble(3), { revenue: 0 }, { revenue: 0 }]))).score).toBe(0);
  });
  it('skips an excused (holiday) week instead of counting it as a drop', () => {
    const h = history([...wobble(16), { revenue: 9000 }, { excused: true, entry: { revenue: 0 } }, { revenue: 10500 }]);
    expect(scoreRevenue(ctx(h)).score).toBe(0);
  });
  it('quotes the peer baseline as context', () => {
    const h = history([...wobble(16), { revenue: 3000 }, { revenue: 2500 }, { revenue: 2800 }]);
    const c = makeContext({ ...input(h), peer: { segment: 'software / East', medianWeeklyRevenue: 8000, customers: 12 } }, DEFAULT_SCORING);
    expect(scoreRevenue(c).reason?.zh).toContain('同类客户（software / East）周均 ¥8,000');
  });
});

describe('deal cycle', () => {
  const deal = { stage: 'negotiation' as const, usage: null, revenue: 0, expectedClose: '2026-07-01' };
  it('treats one pushed close date as noise', () => {
    expect(scoreCycle(ctx(steady(10, [{ expectedClose: '2026-07-29' }], deal))).score).toBeLessThan(DEFAULT_SCORING.tagFloor);
  });
  it('flags repeated slips', () => {
    const s = scoreCycle(ctx(steady(10, [{ expectedClose: '2026-07-22' }, { expectedClose: '2026-08-19' }], deal)));
    expect(s.score).toBeGreaterThanOrEqual(FLAG);
    expect(s.reason?.en).toContain('pushed 2 times, 49 days in total (now 2026-08-19)');
  });
  it('only applies to open deals', () => {
    const live = { ...deal, stage: 'live' as const };
    expect(scoreCycle(ctx(steady(10, [{ expectedClose: '2026-07-22' }, { expectedClose: '2026-08-19' }], live))).score).toBe(0);
  });
});
