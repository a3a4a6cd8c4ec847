// `simulateBook`: a deterministic, realistic book of weekly reports with planted problems and distractors.
import { TAGS } from '../customer-risk/types.js';
import { addDays, addWeeks, weekRange, weekStartDate, type WeekId } from '../weekly-report/week.js';
import { CANDIDATE, MIN_WEEKS_SINCE_ONSET, PLANTERS } from './archetypes.js';
import { makeCustomer, simulateHealthy, type CustomerModel } from './book-model.js';
import { addDistractors } from './distractors.js';
import { customerNames, repNames } from './names.js';
import { createRng, type Rng } from './prng.js';
import type { SimBook, SimParams, SimRecord, SimTruth, SimulateOptions } from './types.js';

export const DEFAULT_END_WEEK: WeekId = '2026-W20';

const NOTES = ['', '', '', '跟进中', '下周拜访', 'Waiting on PO', 'Renewal discussion', '客户在评估新方案', 'Demo scheduled'];

/** The book's shape, drawn from the seed (sizes, noise levels, ramp lengths) unless given. */
export function paramsForSeed(opts: SimulateOptions): SimParams {
  const rng = createRng((opts.seed ^ 0x5eed1234) >>> 0);
  const customers = opts.customers ?? rng.int(120, 220);
  const cvLo = rng.uniform(0.1, 0.2);
  return {
    customers,
    reps: opts.reps ?? rng.int(6, 12),
    weeks: opts.weeks ?? rng.int(26, 36),
    revenueCv: [cvLo, cvLo + rng.uniform(0.1, 0.25)],
    contactsMean: [rng.uniform(0.8, 1.5), rng.uniform(3, 6)],
    contactsShape: rng.uniform(2, 12),
    repMissRate: rng.uniform(0, 0.06),
    entryMissRate: rng.uniform(0.005, 0.03),
    optionalFillRate: rng.uniform(0.75, 1),
    plantedPerTag: Math.max(2, Math.min(8, Math.round((customers / 50) * rng.uniform(0.8, 1.4)))),
    rampWeeks: [1, rng.int(2, 3)],
    teamHoliday: rng.chance(0.8),
  };
}

function plant(rng: Rng, p: SimParams, customers: CustomerModel[], weeks: WeekId[]): SimTruth[] {
  const W = weeks.length;
  const truth: SimTruth[] = [];
  for (const tag of TAGS) {
    const pool = rng.shuffle(customers.filter((c) => !c.planted && c.firstWeek < W - 12 && CANDIDATE[tag](c)));
    for (const c of pool.slice(0, p.plantedPerTag)) {
      const onset = W - 1 - rng.int(MIN_WEEKS_SINCE_ONSET[tag], 6);
      PLANTERS[tag](rng, c, onset, p);
      c.planted = true;
      truth.push({ customer: c.name, tag, onsetWeek: weeks[onset]! });
      // Reps stay optimistic about their own accounts: mostly green, sometimes yellow, rarely red.
      const late = rng.next();
      if (late > 0.7) for (let w = onset + 1; w < W; w++) c.rows[w]!.health = late > 0.95 ? 'red' : 'yellow';
    }
  }
  return truth;
}

function toRecords(rng: Rng, p: SimParams, book: { customers: CustomerModel[]; weeks: WeekId[]; repNames: Map<string, string> }): SimRecord[] {
  const records: SimRecord[] = [];
  const W = book.weeks.length;
  const lastContact = new Map<CustomerModel, string>();
  const fill = (v: unknown) => (rng.chance(1 - (1 - p.optionalFillRate) * 0.5) ? v : null);
  for (let w = 0; w < W; w++) {
    const week = book.weeks[w]!;
    const monday = weekStartDate(week);
    for (const c of book.customers) {
      const r = c.rows[w]!;
      if (r.absent) continue;
      if (r.contacts > 0) lastContact.set(c, addDays(monday, rng.int(0, 4)));
      else if (!lastContact.has(c)) lastContact.set(c, addDays(monday, -rng.int(3, 20)));
      if (r.missing) continue;
      let receivable = r.stuck;
      for (let k = Math.max(0, w - c.termWeeks + 1); k <= w; k++) receivable += c.rows[k]!.revenue;
      const open = r.stage !== 'live' && r.stage !== 'won';
      records.push({
        week, rep: c.rep, repName: book.repNames.get(c.rep)!, customer: c.name, industry: c.industry, region: c.region,
        tier: c.tier, since: c.since,
        contacts: r.contacts,
        lastContact: fill(lastContact.get(c)!) as string | null,
        revenue: r.revenue,
        receivable: open && receivable === 0 ? null : (fill(Math.round(receivable)) as number | null),
        overdueDays: open ? null : (fill(r.overdueDays) as number | null),
        complaints: fill(r.complaints) as number | null,
        complaintType: r.complaints > 0 ? r.complaintType : null,
        requirementChanges: fill(r.requirementChanges) as number | null,
        faults: open ? null : (fill(r.faults) as number | null),
        usage: r.usage === null ? null : (fill(r.usage) as SimRecord['usage']),
        stage: r.stage,
        expectedClose: open ? r.expectedClose : null,
        health: fill(r.health) as SimRecord['health'],
        // The simulator's reps do not report cash collected nor payment terms (optional fields).
        collected: null, paymentTermDays: null,
        notes: rng.pick(NOTES),
      });
    }
  }
  return records;
}

/** Fewest weeks a book can have: a team holiday is drawn among its last 6 weeks or from week 3 to 7 before the end. */
export const MIN_SIM_WEEKS = 6;

/**
 * Simulate a book of weekly reports, deterministic for a seed.
 * Plants `plantedPerTag` customers per tag with onsets in the last 2–7 weeks, and distractors on everyone.
 * @returns import-format records (ascending by week), ground truth, distractors and the drawn parameters.
 */
export function simulateBook(opts: SimulateOptions): SimBook {
  const p = paramsForSeed(opts);
  if (p.weeks < MIN_SIM_WEEKS) throw new RangeError(`simulateBook: weeks must be at least ${MIN_SIM_WEEKS}, got ${p.weeks}`);
  const rng = createRng(opts.seed >>> 0);
  const endWeek = opts.endWeek ?? DEFAULT_END_WEEK;
  const weeks = weekRange(addWeeks(endWeek, -(p.weeks - 1)), endWeek);
  const reps = repNames(rng.fork(1), p.reps);
  const names = customerNames(rng.fork(2), p.customers);
  const modelRng = rng.fork(3);
  const customers = names.map((name, i) => {
    const repIndex = i < reps.length ? i : modelRng.int(0, reps.length - 1);
    return makeCustomer(modelRng, p, name, repIndex, reps[repIndex]!.email, weeks);
  });
  const lifeRng = rng.fork(4);
  for (const c of customers) simulateHealthy(lifeRng, p, c, weeks);
  const truth = plant(rng.fork(5), p, customers, weeks);
  const distractors = addDistractors(rng.fork(6), p, customers, reps, weeks);
  const records = toRecords(rng.fork(7), p, { customers, weeks, repNames: new Map(reps.map((r) => [r.email, r.name])) });
  return {
    seed: opts.seed,
    weeks,
    endWeek,
    reps,
    customers: customers.map(({ name, rep, industry, region, tier, since, kind }) => ({ name, rep, industry, region, tier, since, kind })),
    records,
    truth,
    distractors,
    params: p,
  };
}
