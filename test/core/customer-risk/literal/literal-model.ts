// The third, "literal" book generator: written word by word from issue 2 §5 (as an acceptance author who
// reads only the issue would), not from either earlier generator. This file: the healthy book — reps,
// customers (industry, region, tier, since), and what really happens each week — plus exactly the listed
// distractors: lumpy project revenue, a quiet week, a one-off old complaint, a 1–5 day payment lag, a single
// requirement change, one pushed close date, missing reports; reps rate their own accounts optimistically.
import { createRng, type Rng } from '../../../../src/core/simulate/prng.js';
import type { ComplaintType, Health, Stage, UsageLevel } from '../../../../src/core/weekly-report/template.js';
import { addDays, weekStartDate, type WeekId } from '../../../../src/core/weekly-report/week.js';

export { createRng, type Rng };

export type Kind = 'steady' | 'project' | 'pipeline';

/** What really happened with one customer in one week (the report is written from it). */
export interface LitWeek {
  contacts: number;
  revenue: number;
  overdueDays: number;
  stuck: number;
  complaints: number;
  complaintType: ComplaintType | null;
  requirementChanges: number;
  faults: number;
  usage: UsageLevel | null;
  stage: Stage;
  expectedClose: string | null;
  health: Health;
  missing: boolean;
}

export interface LitCustomer {
  name: string;
  rep: number;
  industry: string;
  region: string;
  tier: 'key' | 'normal';
  since: string;
  kind: Kind;
  /** Usual contacts a week, usual weekly revenue, weeks of payment terms. */
  lambda: number;
  revBase: number;
  terms: number;
  usage: UsageLevel;
  weeks: LitWeek[];
  planted: boolean;
}

export interface LitRep { email: string; name: string }

const INDUSTRIES = ['software', 'manufacturing', 'retail', 'healthcare', 'logistics', 'finance', 'education', 'energy'];
const REGIONS = ['East', 'North', 'South', 'West', 'Central'];
const FAMILY = ['Li', 'Wang', 'Zhang', 'Liu', 'Chen', 'Yang', 'Zhao', 'Huang', 'Zhou', 'Wu', 'Xu', 'Sun', 'Ma', 'Hu', 'Guo', 'Lin'];
const GIVEN = ['Wei', 'Fang', 'Na', 'Min', 'Jing', 'Lei', 'Qiang', 'Yan', 'Jun', 'Tao', 'Hui', 'Ping', 'Gang', 'Xin', 'Yu', 'Bo'];
const WORD_A = ['Hua', 'Xing', 'Tian', 'Long', 'Jin', 'Hong', 'Da', 'Zhong', 'Bei', 'Nan', 'Rui', 'Sheng', 'Feng', 'Yuan', 'Kang', 'Heng'];
const WORD_B = ['Tech', 'Logistics', 'Foods', 'Motors', 'Pharma', 'Retail', 'Energy', 'Systems', 'Materials', 'Textiles', 'Health', 'Cloud'];

export function makeReps(rng: Rng, n: number): LitRep[] {
  const seen = new Set<string>();
  const reps: LitRep[] = [];
  while (reps.length < n) {
    const name = `${rng.pick(GIVEN)} ${rng.pick(FAMILY)}`;
    let email = `${name.toLowerCase().replace(' ', '.')}@example.com`;
    for (let k = 2; seen.has(email); k++) email = `${name.toLowerCase().replace(' ', '.')}${k}@example.com`;
    seen.add(email);
    reps.push({ email, name });
  }
  return reps;
}

export function customerName(rng: Rng, i: number): string {
  return `${rng.pick(WORD_A)}${rng.pick(WORD_A).toLowerCase()} ${rng.pick(WORD_B)} ${i + 1}`;
}

/** A healthy customer and its weeks: steady run-rate, lumpy project orders, or an open deal in the pipeline. */
export function makeCustomer(rng: Rng, name: string, rep: number, weeks: readonly WeekId[]): LitCustomer {
  const W = weeks.length;
  const kind: Kind = rng.chance(0.55) ? 'steady' : rng.chance(0.5) ? 'project' : 'pipeline';
  const c: LitCustomer = {
    name, rep, kind,
    industry: rng.pick(INDUSTRIES), region: rng.pick(REGIONS), tier: rng.chance(0.2) ? 'key' : 'normal',
    since: addDays(weekStartDate(weeks[0]!), -rng.int(30, 1500)),
    lambda: rng.uniform(0.8, 5),
    revBase: Math.round(Math.exp(rng.uniform(Math.log(1500), Math.log(60000)))),
    terms: rng.int(4, 8),
    usage: rng.chance(0.5) ? 'high' : 'normal',
    weeks: [],
    planted: false,
  };
  const cv = rng.uniform(0.1, 0.35);
  // A project customer orders every few weeks, a big lump each time.
  const every = rng.int(3, 8);
  let nextOrder = rng.int(0, every);
  // An open deal moves through the stages towards its expected close, a few weeks to months out.
  let close = addDays(weekStartDate(weeks[0]!), rng.int(3, W + 20) * 7);
  let stage: Stage = kind === 'pipeline' ? rng.pick(['lead', 'qualified', 'proposal'] as const) : 'live';
  for (let w = 0; w < W; w++) {
    const monday = weekStartDate(weeks[w]!);
    let revenue = 0;
    if (kind === 'steady') revenue = Math.round(c.revBase * Math.exp(rng.normal(0, cv) - (cv * cv) / 2));
    else if (kind === 'project' && w >= nextOrder) {
      revenue = Math.round(c.revBase * every * rng.uniform(0.5, 1.5));
      nextOrder = w + Math.max(1, every + rng.int(-2, 2));
    }
    if (kind === 'pipeline') {
      if (stage !== 'won' && stage !== 'live' && monday > close) stage = 'won';
      else if (stage === 'won') stage = 'live';
      else if (stage !== 'live' && rng.chance(0.08)) stage = stage === 'lead' ? 'qualified' : stage === 'qualified' ? 'proposal' : 'negotiation';
    }
    const open = stage !== 'live' && stage !== 'won';
    if (kind === 'pipeline' && stage === 'live') revenue = Math.round(c.revBase * Math.exp(rng.normal(0, cv)));
    c.weeks.push({
      contacts: rng.poisson(c.lambda), revenue, overdueDays: 0, stuck: 0,
      complaints: 0, complaintType: null, requirementChanges: 0,
      faults: open ? 0 : rng.chance(0.03) ? 1 : 0,
      usage: open ? null : c.usage, stage, expectedClose: open ? close : null,
      health: rng.chance(0.92) ? 'green' : 'yellow', missing: false,
    });
  }
  return c;
}

/** The listed distractors, on healthy customers only. `holidayWeek` is a team-wide quiet week, or null. */
export function addDistractors(rng: Rng, customers: LitCustomer[], reps: number, holidayWeek: number | null, missRate: number): void {
  const W = customers[0]!.weeks.length;
  if (holidayWeek !== null) {
    for (const c of customers) {
      const t = c.weeks[holidayWeek]!;
      if (rng.chance(0.9)) t.contacts = 0;
      if (c.kind === 'steady') t.revenue = Math.round(t.revenue * rng.uniform(0, 0.5));
    }
  }
  // A rep who misses a whole week's report now and then.
  const repMiss: boolean[][] = Array.from({ length: reps }, () => Array.from({ length: W }, () => rng.chance(0.02)));
  for (const c of customers) {
    for (let w = 0; w < W; w++) if (repMiss[c.rep]![w] || rng.chance(missRate)) c.weeks[w]!.missing = true;
    if (c.planted) continue;
    const t = (w: number) => c.weeks[w]!;
    const live = () => c.weeks[W - 1]!.usage !== null;
    if (rng.chance(0.25)) t(rng.int(0, W - 1)).contacts = 0; // a quiet week
    if (rng.chance(0.15) && live()) {
      // A one-off old complaint: at least three weeks back.
      const w = rng.int(0, W - 4);
      t(w).complaints = 1;
      t(w).complaintType = rng.pick(['service', 'quality', 'delivery', 'billing', 'other'] as const);
    }
    if (rng.chance(0.25) && live()) {
      for (let k = rng.int(1, 3); k > 0; k--) t(rng.int(0, W - 1)).overdueDays = rng.int(1, 5); // payment lag
    }
    if (rng.chance(0.2)) t(rng.int(0, W - 1)).requirementChanges = 1;
    if (c.kind === 'pipeline' && rng.chance(0.5)) {
      // One pushed close date: from some week on, the expected close is 1–4 weeks later.
      const from = rng.int(1, W - 1);
      const push = 7 * rng.int(1, 4);
      for (let w = from; w < W; w++) if (t(w).expectedClose) t(w).expectedClose = addDays(t(w).expectedClose!, push);
    }
  }
}
