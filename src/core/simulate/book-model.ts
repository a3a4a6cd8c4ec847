// The healthy book: customer profiles and their ordinary week-to-week life (run-rate or lumpy revenue,
// contacts with over-dispersion, pipeline deals that progress and close), before problems are planted.
import type { ComplaintType, Stage, UsageLevel } from '../weekly-report/template.js';
import { addDays, addWeeks, weekStartDate, type WeekId } from '../weekly-report/week.js';
import { INDUSTRIES, REGIONS } from './names.js';
import type { Rng } from './prng.js';
import type { SimCustomer, SimParams } from './types.js';

/** One customer-week while simulating (all fields mutable; turned into a SimRecord at the end). */
export interface Row {
  contacts: number;
  revenue: number;
  overdueDays: number;
  /** Amount stuck in an overdue invoice, added to the receivable. */
  stuck: number;
  complaints: number;
  complaintType: ComplaintType | null;
  requirementChanges: number;
  faults: number;
  usage: UsageLevel | null;
  stage: Stage;
  expectedClose: string | null;
  health: 'green' | 'yellow' | 'red';
  /** No record for this week (the rep did not report the customer). */
  missing: boolean;
  /** Before the customer existed. */
  absent: boolean;
}

export interface CustomerModel extends SimCustomer {
  repIndex: number;
  firstWeek: number;
  lambda: number;
  revenueBase: number;
  cv: number;
  orderProb: number;
  usageBase: UsageLevel;
  termWeeks: number;
  faultRate: number;
  complaintRate: number;
  churnRate: number;
  rows: Row[];
  planted: boolean;
}

const OPEN: Stage[] = ['lead', 'qualified', 'proposal', 'negotiation'];

/** Gamma(shape, 1) by Marsaglia–Tsang, for over-dispersed contact counts. */
function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng.next(), 1 / shape);
  const d = shape - 1 / 3, c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = rng.normal();
    const v = (1 + c * x) ** 3;
    if (v > 0 && Math.log(1 - rng.next() || 1e-12) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function contactsDraw(rng: Rng, lambda: number, shape: number): number {
  return rng.poisson(lambda * gamma(rng, shape) / shape);
}

export function makeCustomer(rng: Rng, p: SimParams, name: string, repIndex: number, repEmail: string, weeks: WeekId[]): CustomerModel {
  const W = weeks.length;
  const kindRoll = rng.next();
  const kind = kindRoll < 0.5 ? 'steady' : kindRoll < 0.75 ? 'project' : 'pipeline';
  const isNew = rng.chance(0.1);
  const firstWeek = isNew ? rng.int(1, Math.max(1, W - 12)) : 0;
  const since = isNew ? weekStartDate(weeks[firstWeek]!) : addDays(weekStartDate(weeks[0]!), -rng.int(60, 1500));
  const revenueBase = Math.round(Math.exp(rng.uniform(Math.log(2000), Math.log(60000))) / 100) * 100;
  const usageRoll = rng.next();
  return {
    name, rep: repEmail, repIndex, kind,
    industry: rng.pick(INDUSTRIES), region: rng.pick(REGIONS), tier: rng.chance(0.2) ? 'key' : 'normal', since,
    firstWeek,
    lambda: rng.uniform(p.contactsMean[0], p.contactsMean[1]),
    revenueBase,
    cv: rng.uniform(p.revenueCv[0], p.revenueCv[1]),
    orderProb: rng.uniform(0.1, 0.35),
    usageBase: usageRoll < 0.35 ? 'high' : usageRoll < 0.92 ? 'normal' : 'low',
    termWeeks: rng.int(2, 6),
    faultRate: rng.uniform(0, 0.4),
    complaintRate: rng.uniform(0, 0.025),
    churnRate: kind === 'steady' ? rng.uniform(0, 0.05) : rng.uniform(0.02, 0.15),
    rows: [],
    planted: false,
  };
}

const COMPLAINT_TYPES: ComplaintType[] = ['service', 'quality', 'delivery', 'billing', 'other'];

/** Fill `c.rows` with an ordinary, healthy history. */
export function simulateHealthy(rng: Rng, p: SimParams, c: CustomerModel, weeks: WeekId[]): void {
  const W = weeks.length;
  let stageIdx = rng.int(0, 3);
  let stage: Stage = c.kind === 'pipeline' ? OPEN[stageIdx]! : 'live';
  // Open deals have a close date some weeks out; some close during the horizon, then go live.
  let closeWeek = rng.int(4, W + 10);
  let expectedClose: string | null = c.kind === 'pipeline' ? addDays(weekStartDate(addWeeks(weeks[0]!, closeWeek)), rng.int(0, 4)) : null;
  let wonAt = -1;
  let health: Row['health'] = rng.chance(0.85) ? 'green' : 'yellow';
  for (let w = 0; w < W; w++) {
    const absent = w < c.firstWeek;
    if (c.kind === 'pipeline' && wonAt < 0 && w >= closeWeek) {
      wonAt = w;
      stage = 'won';
      expectedClose = null;
    } else if (c.kind === 'pipeline' && wonAt < 0 && stageIdx < 3 && rng.chance(0.12)) {
      stage = OPEN[++stageIdx]!;
    } else if (wonAt >= 0 && w - wonAt >= 2) {
      stage = 'live';
    }
    const live = stage === 'live' || stage === 'won';
    let revenue = 0;
    if (c.kind === 'steady') {
      revenue = rng.chance(0.03) ? 0 : c.revenueBase * Math.exp(rng.normal(-c.cv * c.cv / 2, c.cv));
    } else if (c.kind === 'project') {
      revenue = rng.chance(c.orderProb) ? c.revenueBase * rng.uniform(2, 6) * Math.exp(rng.normal(0, 0.3)) : 0;
    } else if (wonAt >= 0) {
      revenue = c.revenueBase * 0.5 * Math.exp(rng.normal(0, c.cv));
    }
    if (rng.chance(0.04)) health = rng.chance(0.8) ? 'green' : 'yellow';
    const complaints = rng.poisson(c.complaintRate);
    c.rows.push({
      contacts: contactsDraw(rng, c.lambda, p.contactsShape),
      revenue: Math.round(revenue / 10) * 10,
      overdueDays: 0,
      stuck: 0,
      complaints,
      complaintType: complaints > 0 ? rng.pick(COMPLAINT_TYPES) : null,
      requirementChanges: rng.poisson(c.churnRate),
      faults: live ? rng.poisson(c.faultRate) : 0,
      usage: live ? (wonAt >= 0 && w - wonAt < 3 ? 'low' : c.usageBase) : null,
      stage,
      expectedClose,
      health,
      missing: absent,
      absent,
    });
  }
}

/** Whether a pipeline customer stays an open deal for the whole horizon (so it can slip). */
export function staysOpen(c: CustomerModel): boolean {
  return c.kind === 'pipeline' && c.rows.every((r) => OPEN.includes(r.stage));
}

export { OPEN as OPEN_STAGES };
