// Planted problems of the held-out book, one tag per customer, with varied shapes and severities:
// sudden or gradual onsets, bursts or steady streams; each is something a manager would want to know.
// The onset is the first week the problem shows in what really happened (the report may still miss it).
import type { Tag } from '../../../../src/core/customer-risk/types.js';
import type { ComplaintType, UsageLevel } from '../../../../src/core/weekly-report/template.js';
import { addDays } from '../../../../src/core/weekly-report/week.js';
import type { Calendar, HoldoutCustomer, HoldoutRep } from './holdout-model.js';
import type { HoldoutRng } from './holdout-rng.js';

const OPEN = new Set(['lead', 'qualified', 'proposal', 'negotiation', 'renewal']);
const established = (c: HoldoutCustomer, W: number) => c.firstWeek <= W - 14;

/** Which customers can carry each problem so that it is visible in a report. */
export function canCarry(tag: Tag, c: HoldoutCustomer, rep: HoldoutRep, W: number): boolean {
  const active = c.segment !== 'churned' && c.segment !== 'dormant';
  const live = active && c.segment !== 'pipeline';
  switch (tag) {
    case 'overdue': return live && established(c, W);
    case 'silent': return active && c.contactMean >= 1.6 && established(c, W);
    case 'complaints': return live;
    case 'low_fit': return live && c.usageBase !== 'low' && established(c, W);
    case 'requirement_churn': return active;
    case 'declining': return c.segment === 'runrate' && rep.habit !== 'monthlyRevenue' && c.firstWeek === 0;
    case 'cycle_slip': return c.segment === 'pipeline' && c.weeks.every((x, i) => i < c.firstWeek || OPEN.has(x.stage));
  }
}

/** Earliest onset, in weeks before the last week, for each problem (slow ones need time to show). */
export const MIN_LEAD: Record<Tag, number> = {
  overdue: 1, silent: 1, complaints: 1, low_fit: 1, requirement_churn: 1, declining: 2, cycle_slip: 2,
};

type Planter = (rng: HoldoutRng, c: HoldoutCustomer, onset: number, cal: Calendar) => void;

const overdue: Planter = (rng, c, onset, cal) => {
  // An invoice is first seen past due at the onset report (Friday), 1–7 days late, and is never paid.
  const due = addDays(cal.monday[onset]!, 4 - rng.int(1, 7));
  const amount = Math.max(3000, Math.round(c.revBase * rng.between(1, 5)));
  c.hold = { due, amount, crunch: rng.yes(0.3) };
};

const silent: Planter = (rng, c, onset) => {
  // Fading: one thin week first; the onset is the first week that is thinner than usual.
  const fade = rng.yes(0.35) && onset <= c.weeks.length - 3;
  for (let w = onset; w < c.weeks.length; w++) {
    const t = c.weeks[w]!;
    const keep = fade && w === onset ? Math.floor(t.contacts * 0.3) : 0;
    t.contacts = keep;
    if (keep === 0) t.contactDay = null;
  }
};

const complaints: Planter = (rng, c, onset) => {
  const style = rng.weighted({ steady: 0.5, burst: 0.25, escalating: 0.25 });
  const p = rng.between(0.6, 0.95);
  const type = rng.one<ComplaintType>(['service', 'quality', 'delivery', 'billing']);
  for (let w = onset; w < c.weeks.length; w++) {
    const t = c.weeks[w]!;
    const k = w - onset;
    let n = 0;
    if (k === 0) n = style === 'burst' ? rng.int(2, 4) : 1;
    // A second complaint week follows at once (one complaint alone is a one-off); later ones most weeks.
    else if (k === 1 || rng.yes(p) || c.weeks[w - 1]!.complaints === 0) n = style === 'escalating' ? 1 + Math.min(3, Math.floor(k / 2)) : 1 + rng.poisson(0.4);
    t.complaints = Math.max(t.complaints, n);
    if (t.complaints > 0) t.complaintType = type;
  }
};

const lowFit: Planter = (rng, c, onset) => {
  const style = rng.weighted({ drop: 0.45, storm: 0.3, abandon: 0.25 });
  const base = c.usageBase;
  const dropTo: UsageLevel = base === 'high' ? rng.one<UsageLevel>(['low', 'low', 'normal']) : 'low';
  const faultRate = style === 'storm' ? rng.between(2, 4.5) : rng.between(0.6, 2.2);
  for (let w = onset; w < c.weeks.length; w++) {
    const t = c.weeks[w]!;
    const k = w - onset;
    if (style === 'drop') t.usage = dropTo === 'normal' && k >= 1 ? 'low' : dropTo;
    else if (style === 'storm') t.usage = k >= 2 && base === 'high' ? 'normal' : t.usage;
    else t.usage = k >= rng.int(1, 2) ? 'none' : 'low';
    t.faults = Math.max(t.faults, k === 0 ? Math.max(1, rng.poisson(faultRate)) : rng.poisson(faultRate));
  }
};

const churn: Planter = (rng, c, onset) => {
  const wave = rng.yes(0.3);
  const p = rng.between(0.6, 0.95);
  for (let w = onset; w < c.weeks.length; w++) {
    const t = c.weeks[w]!;
    // At least three changes within the first two weeks: one change is ordinary, this is not.
    if (w === onset) t.requirementChanges += wave ? rng.int(3, 5) : rng.int(1, 2);
    else if (w === onset + 1) t.requirementChanges += Math.max(1, 3 - c.weeks[onset]!.requirementChanges) + rng.poisson(0.3);
    else if (rng.yes(p) || c.weeks[w - 1]!.requirementChanges === 0) t.requirementChanges += 1 + rng.poisson(wave ? 0.8 : 0.5);
  }
};

const declining: Planter = (rng, c, onset) => {
  const W = c.weeks.length;
  // Real means it stands out from the customer's ordinary swings: at least 1.6 log-sds below the usual level.
  const target = rng.between(0.15, Math.max(0.2, Math.min(0.55, Math.exp(-1.6 * c.revSigma))));
  // Gradual declines reach their floor by the last week at the latest.
  const ramp = rng.yes(0.5) ? 1 : Math.min(W - onset, rng.int(2, 4));
  for (let w = onset; w < W; w++) {
    const k = Math.min(1, (w - onset + 1) / ramp);
    const t = c.weeks[w]!;
    t.revenue = Math.round((t.revenue * (1 - (1 - target) * k)) / 10) * 10;
  }
};

const cycleSlip: Planter = (rng, c, onset, cal) => {
  const style = rng.weighted({ pushes: 0.6, creep: 0.2, regress: 0.2 });
  const W = c.weeks.length;
  if (style === 'creep') {
    // The close date comes due in the onset week and is moved out by a week or two each time it comes due.
    let d = addDays(cal.monday[onset]!, rng.int(0, 3));
    for (let w = Math.max(c.firstWeek, onset - 3); w < W; w++) {
      if (w >= onset && addDays(cal.monday[w]!, 4) >= d) d = addDays(d, rng.int(7, 14));
      c.weeks[w]!.expectedClose = d;
    }
    return;
  }
  const every = rng.int(1, 2);
  let shift = 0;
  for (let w = onset; w < W; w++) {
    if ((w - onset) % every === 0) shift += rng.int(14, 45);
    const t = c.weeks[w]!;
    if (t.expectedClose) t.expectedClose = addDays(t.expectedClose, shift);
    if (style === 'regress' && w >= onset + 1 && t.stage === 'negotiation') t.stage = 'proposal';
  }
};

export const PLANT: Record<Tag, Planter> = {
  overdue, silent, complaints, low_fit: lowFit, requirement_churn: churn, declining, cycle_slip: cycleSlip,
};

/** Reps stay optimistic about their own problem accounts; a neutral rep turns yellow, a pessimist red. */
export function reactHealth(rng: HoldoutRng, c: HoldoutCustomer, rep: HoldoutRep, onset: number): void {
  const lag = rng.int(1, 4);
  for (let w = onset + lag; w < c.weeks.length; w++) {
    const t = c.weeks[w]!;
    if (rep.mood === 'neutral' && rng.yes(0.6)) t.health = 'yellow';
    if (rep.mood === 'pessimist') t.health = rng.yes(0.5) ? 'red' : 'yellow';
  }
}
