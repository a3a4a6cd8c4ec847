// `literalBook`: the third generator's book in the import format, with ground truth. One planted archetype per
// tag (several customers per tag), onset in the last several weeks, each a problem a sales manager would call
// real: silent = contacts drop to 0 and stay 0; overdue = the oldest invoice ages week by week past 30 days;
// complaints = repeated complaints over several weeks; low_fit = usage low/none with faults; requirement_churn
// = several changes over several weeks; declining = revenue falls well under half its norm and stays;
// cycle_slip = the expected close pushed out again and again. Sizes (100–2,000 customers) and shapes vary by seed.
import { TAGS, type Tag } from '../../../../src/core/customer-risk/types.js';
import type { SimRecord, SimTruth } from '../../../../src/core/simulate/types.js';
import { addDays, addWeeks, weekRange, weekStartDate, type WeekId } from '../../../../src/core/weekly-report/week.js';
import {
  addDistractors, createRng, customerName, makeCustomer, makeReps, type LitCustomer, type Rng,
} from './literal-model.js';

export interface LiteralOptions { seed: number; customers?: number; weeks?: number }

export interface LiteralParams { customers: number; reps: number; weeks: number; perTag: number; maxLead: number; holiday: boolean; missRate: number }

export interface LiteralBook {
  seed: number;
  weeks: WeekId[];
  endWeek: WeekId;
  records: SimRecord[];
  truth: SimTruth[];
  params: LiteralParams;
}

type Planter = (rng: Rng, c: LitCustomer, onset: number) => void;
const isLive = (c: LitCustomer) => c.kind !== 'pipeline';

const CAN_CARRY: Record<Tag, (c: LitCustomer, onset: number) => boolean> = {
  overdue: isLive,
  silent: (c) => c.lambda >= 1.5,
  complaints: isLive,
  low_fit: isLive,
  requirement_churn: () => true,
  declining: (c) => c.kind === 'steady',
  cycle_slip: (c, onset) => c.kind === 'pipeline' && c.weeks[onset]!.expectedClose !== null,
};

const PLANT: Record<Tag, Planter> = {
  overdue(rng, c, onset) {
    const W = c.weeks.length;
    const lead = W - 1 - onset;
    // First seen a few days to a month late; still unpaid, so past 30 days by the last week.
    const d0 = Math.max(rng.int(1, 30), 31 - 7 * lead + rng.int(0, 5));
    const amount = Math.round(c.revBase * rng.uniform(1, 4));
    for (let w = onset; w < W; w++) Object.assign(c.weeks[w]!, { overdueDays: d0 + 7 * (w - onset), stuck: amount });
  },
  silent(_rng, c, onset) {
    for (let w = onset; w < c.weeks.length; w++) c.weeks[w]!.contacts = 0;
  },
  complaints(rng, c, onset) {
    const p = rng.uniform(0.6, 1);
    const type = rng.pick(['service', 'quality', 'delivery', 'billing'] as const);
    for (let w = onset; w < c.weeks.length; w++) {
      if (w > onset + 1 && !rng.chance(p)) continue;
      Object.assign(c.weeks[w]!, { complaints: w === onset ? rng.int(1, 2) : 1 + rng.poisson(0.5), complaintType: type });
    }
  },
  low_fit(rng, c, onset) {
    const toNone = rng.chance(0.5) ? onset + rng.int(0, 2) : Infinity;
    const rate = rng.uniform(1, 3);
    for (let w = onset; w < c.weeks.length; w++) {
      const t = c.weeks[w]!;
      t.usage = w >= toNone ? 'none' : 'low';
      t.faults = w === onset ? Math.max(1, rng.poisson(rate)) : rng.poisson(rate);
    }
  },
  requirement_churn(rng, c, onset) {
    const p = rng.uniform(0.7, 1);
    for (let w = onset; w < c.weeks.length; w++) {
      if (w > onset + 1 && !rng.chance(p)) continue;
      c.weeks[w]!.requirementChanges = rng.int(1, 3);
    }
  },
  declining(rng, c, onset) {
    const target = rng.uniform(0.1, 0.45);
    const gradual = rng.chance(0.5);
    for (let w = onset; w < c.weeks.length; w++) {
      const f = gradual && w === onset ? (1 + target) / 2 : target;
      c.weeks[w]!.revenue = Math.round(c.weeks[w]!.revenue * f);
    }
  },
  cycle_slip(rng, c, onset) {
    // The deal stays where it is and its close date keeps moving out, every week or two, by 2–6 weeks.
    const every = rng.int(1, 2);
    const stage = c.weeks[onset]!.stage;
    let close = c.weeks[onset]!.expectedClose!;
    for (let w = onset; w < c.weeks.length; w++) {
      if ((w - onset) % every === 0) close = addDays(close, 7 * rng.int(2, 6));
      Object.assign(c.weeks[w]!, { stage, expectedClose: close, revenue: 0, usage: null, faults: 0 });
    }
  },
};

export function literalParams(o: LiteralOptions): LiteralParams {
  const rng = createRng((o.seed * 7919 + 13) >>> 0);
  const customers = o.customers ?? Math.round(Math.exp(rng.uniform(Math.log(100), Math.log(2000))));
  return {
    customers,
    reps: Math.max(2, Math.round(customers / rng.int(15, 40))),
    weeks: o.weeks ?? rng.int(20, 52),
    perTag: Math.max(2, Math.min(8, Math.round(2 + (customers / 400) * rng.uniform(0.8, 1.2)))),
    maxLead: rng.int(4, 8),
    holiday: rng.chance(0.5),
    missRate: rng.uniform(0.01, 0.04),
  };
}

export function literalBook(o: LiteralOptions): LiteralBook {
  const p = literalParams(o);
  const rng = createRng(o.seed >>> 0);
  const endWeek = addWeeks('2026-W10', rng.int(-60, 40));
  const weeks = weekRange(addWeeks(endWeek, -(p.weeks - 1)), endWeek);
  const W = weeks.length;
  const reps = makeReps(rng.fork(1), p.reps);
  const mrng = rng.fork(2);
  const customers = Array.from({ length: p.customers }, (_, i) => makeCustomer(mrng, customerName(mrng, i), i % p.reps, weeks));

  const prng = rng.fork(3);
  const truth: SimTruth[] = [];
  for (const tag of TAGS) {
    let n = 0;
    for (const c of prng.shuffle([...customers])) {
      if (n >= p.perTag) break;
      const onset = W - 1 - prng.int(1, p.maxLead);
      if (c.planted || !CAN_CARRY[tag](c, onset)) continue;
      PLANT[tag](prng, c, onset);
      c.planted = true;
      n++;
      truth.push({ customer: c.name, tag, onsetWeek: weeks[onset]! });
      // Reps stay optimistic: green, and at most yellow a couple of weeks later.
      const yellow = prng.chance(0.3) ? onset + 2 : Infinity;
      for (let w = onset; w < W; w++) c.weeks[w]!.health = w >= yellow ? 'yellow' : 'green';
    }
  }
  const holidayWeek = p.holiday ? rng.fork(4).int(1, W - 1) : null;
  addDistractors(rng.fork(5), customers, p.reps, holidayWeek, p.missRate);
  return { seed: o.seed, weeks, endWeek, records: toRecords(rng.fork(6), customers, reps, weeks), truth, params: p };
}

function toRecords(rng: Rng, customers: LitCustomer[], reps: Array<{ email: string; name: string }>, weeks: WeekId[]): SimRecord[] {
  const records: SimRecord[] = [];
  const lastContact = new Map<LitCustomer, string>();
  for (let w = 0; w < weeks.length; w++) {
    const monday = weekStartDate(weeks[w]!);
    for (const c of customers) {
      const t = c.weeks[w]!;
      if (t.contacts > 0) lastContact.set(c, addDays(monday, rng.int(0, 4)));
      if (t.missing) continue;
      let receivable = t.stuck;
      for (let k = Math.max(0, w - c.terms + 1); k <= w; k++) receivable += c.weeks[k]!.revenue;
      const rep = reps[c.rep]!;
      records.push({
        week: weeks[w]!, rep: rep.email, repName: rep.name, customer: c.name,
        industry: c.industry, region: c.region, tier: c.tier, since: c.since,
        contacts: t.contacts, lastContact: lastContact.get(c) ?? null, revenue: t.revenue, receivable,
        overdueDays: t.overdueDays, complaints: t.complaints, complaintType: t.complaints > 0 ? t.complaintType : null,
        requirementChanges: t.requirementChanges, faults: t.faults, usage: t.usage, stage: t.stage,
        expectedClose: t.expectedClose, health: t.health, collected: null, paymentTermDays: null, notes: '',
      });
    }
  }
  return records;
}
