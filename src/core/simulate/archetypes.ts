// Planted problems, one archetype per tag, each with its own ramp-up from the onset week.
// The onset is the first week the problem shows in the data; shapes vary per customer and seed.
import type { Tag } from '../customer-risk/types.js';
import type { ComplaintType } from '../weekly-report/template.js';
import { addDays } from '../weekly-report/week.js';
import { staysOpen, type CustomerModel } from './book-model.js';
import type { Rng } from './prng.js';
import type { SimParams } from './types.js';

type Planter = (rng: Rng, c: CustomerModel, onset: number, p: SimParams) => void;

/** Which customers can carry each archetype. */
export const CANDIDATE: Record<Tag, (c: CustomerModel) => boolean> = {
  overdue: (c) => c.kind !== 'pipeline',
  // Going dark only means something for an account the rep usually talks to.
  silent: (c) => c.lambda >= 2.5,
  complaints: (c) => c.kind !== 'pipeline',
  low_fit: (c) => c.kind !== 'pipeline' && c.usageBase !== 'low',
  requirement_churn: () => true,
  declining: (c) => c.kind === 'steady' && c.firstWeek === 0,
  cycle_slip: (c) => staysOpen(c),
};

/** Earliest weeks before the end an onset may fall, so slow ramps still show by the last week. */
export const MIN_WEEKS_SINCE_ONSET: Record<Tag, number> = {
  overdue: 1, silent: 1, complaints: 1, low_fit: 1, requirement_churn: 1, declining: 2, cycle_slip: 2,
};

const overdue: Planter = (rng, c, onset) => {
  // One invoice stops being paid: it ages with the calendar; reps round a little.
  const start = rng.int(1, 7);
  const amount = Math.max(5000, Math.round((c.revenueBase * rng.uniform(1.5, 5)) / 100) * 100);
  for (let w = onset; w < c.rows.length; w++) {
    const r = c.rows[w]!;
    r.overdueDays = Math.max(1, start + 7 * (w - onset) + (w > onset ? rng.int(-1, 1) : 0));
    r.stuck = amount;
  }
};

const silent: Planter = (rng, c, onset) => {
  // Contact dries up, at once or after a week of fading.
  const fade = rng.chance(0.4);
  for (let w = onset; w < c.rows.length; w++) {
    c.rows[w]!.contacts = fade && w === onset ? (rng.chance(0.5) ? 1 : 0) : 0;
  }
};

const complaints: Planter = (rng, c, onset) => {
  // Recurring: most weeks bring a complaint, and never two quiet weeks in a row.
  const rate = rng.uniform(0.65, 0.95);
  const type: ComplaintType = rng.pick(['service', 'quality', 'delivery', 'billing'] as const);
  for (let w = onset; w < c.rows.length; w++) {
    if (w > onset && c.rows[w - 1]!.complaints > 0 && !rng.chance(rate)) continue;
    const r = c.rows[w]!;
    r.complaints = 1 + rng.poisson(rng.uniform(0.3, 1));
    r.complaintType = type;
  }
};

const lowFit: Planter = (rng, c, onset) => {
  const toNone = rng.chance(0.5) ? onset + rng.int(1, 2) : Infinity;
  const faultRate = rng.uniform(1.2, 3);
  for (let w = onset; w < c.rows.length; w++) {
    const r = c.rows[w]!;
    r.usage = w >= toNone ? 'none' : 'low';
    r.faults = Math.max(w === onset ? 1 : 0, rng.poisson(faultRate));
  }
};

const churn: Planter = (rng, c, onset) => {
  const rate = rng.uniform(0.7, 0.95);
  for (let w = onset; w < c.rows.length; w++) {
    if (w > onset && c.rows[w - 1]!.requirementChanges > 0 && !rng.chance(rate)) continue;
    c.rows[w]!.requirementChanges = 1 + rng.poisson(rng.uniform(0.5, 1.5));
  }
};

const declining: Planter = (rng, c, onset, p) => {
  const target = rng.uniform(0.15, 0.5);
  const ramp = rng.int(p.rampWeeks[0], p.rampWeeks[1]);
  for (let w = onset; w < c.rows.length; w++) {
    const k = Math.min(1, (w - onset + 1) / ramp);
    const r = c.rows[w]!;
    r.revenue = Math.round((r.revenue * (1 - (1 - target) * k)) / 10) * 10;
  }
};

const cycleSlip: Planter = (rng, c, onset) => {
  // The close date keeps moving out every week or two; the deal never closes.
  const every = rng.int(1, 2);
  let shift = 0;
  for (let w = onset; w < c.rows.length; w++) {
    if ((w - onset) % every === 0) shift += rng.int(14, 42);
    const r = c.rows[w]!;
    if (r.expectedClose) r.expectedClose = addDays(r.expectedClose, shift);
  }
};

export const PLANTERS: Record<Tag, Planter> = {
  overdue, silent, complaints, low_fit: lowFit, requirement_churn: churn, declining, cycle_slip: cycleSlip,
};
