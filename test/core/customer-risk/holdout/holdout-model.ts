// The held-out book's healthy world: reps with their reporting habits, customers by segment, and each
// customer's true week-by-week life before any problem is planted. Modelling choices differ on purpose
// from src/core/simulate: log-normal revenue with seasonality, drift and quarter-end pushes, monthly
// subscriptions, dormant and churned accounts, Poisson-log-normal contacts with busy/quiet spells.
import type { ComplaintType, Health, Stage, UsageLevel } from '../../../../src/core/weekly-report/template.js';
import { addDays, weekStartDate, type WeekId } from '../../../../src/core/weekly-report/week.js';
import type { Tag } from '../../../../src/core/customer-risk/types.js';
import type { HoldoutRng } from './holdout-rng.js';

export type Segment = 'runrate' | 'project' | 'subscription' | 'dormant' | 'pipeline' | 'churned';
/** How a rep fills the form: everything; contacts as 0/1; revenue once a month; few optional fields; often late. */
export type RepHabit = 'diligent' | 'binaryContacts' | 'monthlyRevenue' | 'sparse' | 'late';
export type Mood = 'optimist' | 'neutral' | 'pessimist';

export interface HoldoutRep { email: string; name: string; habit: RepHabit; mood: Mood; missRate: number }

/** What really happened with one customer in one week (the report is derived from it). */
export interface TrueWeek {
  contacts: number;
  /** Day offset (0 = Monday) of the last contact this week, when there was one. */
  contactDay: number | null;
  revenue: number;
  complaints: number;
  complaintType: ComplaintType | null;
  requirementChanges: number;
  faults: number;
  usage: UsageLevel | null;
  stage: Stage;
  expectedClose: string | null;
  health: Health;
  /** No report covered the customer this week. */
  missing: boolean;
  /** Before the customer existed. */
  absent: boolean;
}

export interface HoldoutCustomer {
  name: string;
  rep: number;
  segment: Segment;
  tier: 'key' | 'normal';
  industry: string;
  region: string;
  since: string;
  firstWeek: number;
  contactMean: number;
  contactSigma: number;
  revBase: number;
  revSigma: number;
  termDays: number;
  payStyle: 'onTime' | 'monthEnd';
  usageBase: UsageLevel;
  weeks: TrueWeek[];
  /** Planted overdue: an invoice due on `due` is never paid; `crunch` = nothing due after it is paid either. */
  hold: { due: string; amount: number; crunch: boolean } | null;
  planted: Tag | null;
  /** The deal must stay open to the end (a planted slip). */
  keepOpen: boolean;
}

export interface Calendar {
  weeks: WeekId[];
  monday: string[];
  /** Month (1–12) of each week's Thursday. */
  month: number[];
  /** The week holds the last day of its month / quarter. */
  monthEnd: boolean[];
  quarterEnd: boolean[];
  /** A public holiday week for the whole team (Spring Festival, National Day, year end). */
  holiday: boolean[];
}

export function makeCalendar(weeks: WeekId[]): Calendar {
  const monday = weeks.map(weekStartDate);
  const month = monday.map((m) => Number(addDays(m, 3).slice(5, 7)));
  const monthEnd = monday.map((m) => Number(addDays(m, 3).slice(5, 7)) !== Number(addDays(m, 10).slice(5, 7)));
  const quarterEnd = monthEnd.map((e, i) => e && month[i]! % 3 === 0);
  // Spring Festival weeks (approximate, by year), the week holding 1 October, and the week holding 25 December.
  const SPRING = ['2024-02-12', '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26'];
  const holiday = monday.map((m) => {
    const sun = addDays(m, 6);
    const has = (d: string) => d >= m && d <= sun;
    return SPRING.some(has) || has(`${m.slice(0, 4)}-10-01`) || has(`${sun.slice(0, 4)}-10-01`)
      || has(`${m.slice(0, 4)}-12-25`);
  });
  return { weeks, monday, month, monthEnd, quarterEnd, holiday };
}

const INDUSTRY = ['software', 'manufacturing', 'retail', 'healthcare', 'logistics', 'finance', 'education', 'energy', 'automotive'];
const REGION = ['East', 'North', 'South', 'West', 'Central', 'Northeast'];
const SYL = ['恒', '泰', '远', '华', '信', '达', '鼎', '盛', '安', '嘉', '瑞', '博', '联', '海', '鑫', '天', '中', '宏', '金', '智'];
const SUFFIX = ['科技', '制造', '物流', '医疗', '贸易', '电子', '能源', '软件', '实业', '集团'];
const EN = ['Apex', 'Nimbus', 'Orchid', 'Quartz', 'Beacon', 'Cobalt', 'Meridian', 'Zephyr', 'Granite', 'Lumen', 'Vertex', 'Juniper'];
const EN_SUFFIX = ['Holdings', 'Medical', 'Foods', 'Robotics', 'Freight', 'Retail', 'Energy', 'Software'];

export function customerName(rng: HoldoutRng, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const base = rng.yes(0.6)
      ? `${rng.one(SYL)}${rng.one(SYL)}${rng.one(SUFFIX)}`
      : `${rng.one(EN)} ${rng.one(EN_SUFFIX)}`;
    const name = attempt < 20 ? base : `${base} ${attempt}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

const FIRST = ['Chen', 'Wang', 'Zhao', 'Sun', 'Zhou', 'Wu', 'Zheng', 'Feng', 'Xu', 'He', 'Lin', 'Guo', 'Ma', 'Hu', 'Luo', 'Gao'];
const GIVEN = ['Min', 'Jing', 'Hao', 'Yu', 'Lei', 'Ting', 'Qiang', 'Xin', 'Yan', 'Bo', 'Fang', 'Jun'];

export function makeReps(rng: HoldoutRng, n: number): HoldoutRep[] {
  const out: HoldoutRep[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${rng.one(FIRST)} ${rng.one(GIVEN)}`;
    const habit = rng.weighted<RepHabit>({ diligent: 0.4, binaryContacts: 0.15, monthlyRevenue: 0.12, sparse: 0.18, late: 0.15 });
    out.push({
      email: `${name.toLowerCase().replace(' ', '.')}.${i + 1}@holdout.example`,
      name,
      habit,
      mood: rng.weighted<Mood>({ optimist: 0.5, neutral: 0.35, pessimist: 0.15 }),
      missRate: habit === 'late' ? rng.between(0.06, 0.12) : rng.between(0, 0.04),
    });
  }
  return out;
}

export function makeCustomer(rng: HoldoutRng, cal: Calendar, name: string, rep: number): HoldoutCustomer {
  const W = cal.weeks.length;
  const segment = rng.weighted<Segment>({ runrate: 0.38, project: 0.16, subscription: 0.14, dormant: 0.1, pipeline: 0.16, churned: 0.06 });
  const isNew = segment !== 'churned' && rng.yes(0.12);
  const firstWeek = isNew ? rng.int(Math.max(1, W - 16), W - 3) : 0;
  const tier = rng.yes(segment === 'dormant' ? 0.05 : 0.22) ? 'key' : 'normal';
  const contactMean = segment === 'dormant' ? rng.between(0.05, 0.4)
    : segment === 'pipeline' ? rng.between(1.2, 5)
      : rng.between(0.6, 4.5) * (tier === 'key' ? 1.4 : 1);
  return {
    name, rep, segment, tier,
    industry: rng.one(INDUSTRY), region: rng.one(REGION),
    since: isNew ? addDays(cal.monday[firstWeek]!, -rng.int(0, 10)) : addDays(cal.monday[0]!, -rng.int(90, 2400)),
    firstWeek,
    contactMean,
    contactSigma: rng.between(0.2, 0.8),
    revBase: Math.round(Math.exp(rng.between(Math.log(1500), Math.log(80000)))),
    revSigma: rng.between(0.12, 0.65),
    termDays: rng.one([14, 30, 30, 45, 60]),
    payStyle: rng.yes(0.35) ? 'monthEnd' : 'onTime',
    usageBase: rng.weighted<UsageLevel>({ high: 0.3, normal: 0.58, low: 0.12, none: 0 }),
    weeks: [],
    hold: null,
    planted: null,
    keepOpen: false,
  };
}

const OPEN: Stage[] = ['lead', 'qualified', 'proposal', 'negotiation'];
const TYPES: ComplaintType[] = ['service', 'quality', 'delivery', 'billing', 'other'];

/** The customer's ordinary life, week by week. */
export function liveHealthy(rng: HoldoutRng, cal: Calendar, c: HoldoutCustomer, rep: HoldoutRep): void {
  const W = cal.weeks.length;
  const seasonAmp = rng.between(0, 0.2);
  const seasonPeak = rng.int(1, 12);
  const quarterPush = rng.yes(0.3) ? rng.between(1.2, 1.7) : 1;
  const orderProb = rng.between(0.06, 0.3);
  const faultRate = c.segment === 'dormant' ? rng.between(0, 0.1) : rng.between(0, 0.6);
  const complaintRate = rng.between(0, 0.02);
  const churnRate = c.segment === 'pipeline' || c.segment === 'project' ? rng.between(0.02, 0.12) : rng.between(0, 0.03);
  const churnWeek = c.segment === 'churned' ? rng.int(1, 7) : Infinity;
  // Pipeline: stage, expected close, and how it ends (won, lost, or still open at the end).
  let stageIdx = rng.int(0, 3);
  const closeWeek = c.firstWeek + rng.int(4, W + 8);
  let expectedClose: string | null = c.segment === 'pipeline' ? addDays(cal.monday[Math.min(closeWeek, W - 1)]!, 7 * Math.max(0, closeWeek - W + 1) + rng.int(0, 4)) : null;
  const wins = rng.yes(0.8);
  const pushAt = c.segment === 'pipeline' && rng.yes(0.35) ? rng.int(c.firstWeek + 1, W - 1) : -1;
  // Subscriptions come up for renewal once: the weeks before it are an open renewal deal.
  const renewAt = c.segment === 'subscription' && rng.yes(0.5) ? rng.int(6, W + 4) : -1;
  const renewPush = renewAt >= 0 && rng.yes(0.35) ? rng.int(7, 28) : 0;
  const renewDate = renewAt >= 0 ? addDays(cal.monday[Math.min(renewAt, W - 1)]!, 7 * Math.max(0, renewAt - W + 1) + 4) : null;
  const blipWeek = rng.yes(0.1) ? rng.int(0, W - 1) : -1;
  const bigOrderWeek = c.segment === 'runrate' && rng.yes(0.08) ? rng.int(0, W - 1) : -1;
  const incidentWeek = rng.yes(0.08) ? rng.int(0, W - 1) : -1;
  const oneComplaintWeek = c.segment !== 'pipeline' && rng.yes(0.12) ? rng.int(0, W - 1) : -1;
  const oneChangeWeek = rng.yes(0.2) ? rng.int(0, W - 1) : -1;
  const sticky = rep.mood === 'pessimist' && rng.yes(0.35) ? 'yellow' : rep.mood === 'neutral' && rng.yes(0.1) ? 'yellow' : 'green';

  let drift = 0, busy = 0, wonAt = -1, lostAt = -1;
  for (let w = 0; w < W; w++) {
    drift = 0.85 * drift + 0.06 * rng.gauss();
    busy = 0.6 * busy + 0.3 * rng.gauss();
    const absent = w < c.firstWeek;
    const hol = cal.holiday[w]!;
    let stage: Stage = 'live';
    let close: string | null = null;
    if (c.segment === 'pipeline') {
      if (wonAt < 0 && lostAt < 0 && w >= closeWeek && !c.keepOpen) (wins ? (wonAt = w) : (lostAt = w));
      if (wonAt >= 0) stage = w - wonAt < 2 ? 'won' : 'live';
      else if (lostAt >= 0) stage = 'lost';
      else {
        if (stageIdx < 3 && rng.yes(0.12)) stageIdx++;
        stage = OPEN[stageIdx]!;
        if (w === pushAt) expectedClose = addDays(expectedClose!, rng.int(10, 40));
        else if (rng.yes(0.1)) expectedClose = addDays(expectedClose!, rng.int(-3, 5));
        close = expectedClose;
      }
    } else if (c.segment === 'churned' && w >= churnWeek) {
      stage = 'lost';
    } else if (renewDate && w >= renewAt - 6 && w <= renewAt + (renewPush ? 1 : 0) && w < W) {
      stage = 'renewal';
      close = w >= renewAt - 3 && renewPush ? addDays(renewDate, renewPush) : renewDate;
    }
    const lost = stage === 'lost';
    const isLive = stage === 'live' || stage === 'won' || stage === 'renewal';
    const newcomer = w - c.firstWeek < 3;

    // Revenue: log-normal around a drifting, seasonal level.
    const season = 1 + seasonAmp * Math.cos((2 * Math.PI * (cal.month[w]! - seasonPeak)) / 12);
    const level = c.revBase * Math.exp(drift) * season * (hol ? rng.between(0.1, 0.5) : 1) * (cal.quarterEnd[w] ? quarterPush : 1);
    let revenue = 0;
    if (lost) revenue = 0;
    else if (c.segment === 'runrate') revenue = rng.yes(0.02) ? 0 : rng.lognormal(level, c.revSigma) * (w === bigOrderWeek ? rng.between(3, 8) : 1);
    else if (c.segment === 'project') revenue = rng.yes(orderProb) ? rng.lognormal(3 * level, 0.6) : 0;
    else if (c.segment === 'subscription') revenue = cal.monthEnd[w - 1] || w === 0 ? c.revBase * 3 * rng.between(0.95, 1.05) : 0;
    else if (c.segment === 'dormant') revenue = rng.yes(0.05) ? rng.lognormal(level, 0.5) : 0;
    else if (c.segment === 'pipeline' && wonAt >= 0 && w > wonAt) revenue = rng.lognormal(0.6 * level, c.revSigma);

    const mean = (lost ? 0.05 : c.contactMean) * Math.exp(busy) * (hol ? 0.1 : 1);
    const contacts = absent ? 0 : rng.overdispersed(mean, c.contactSigma);
    let usage: UsageLevel | null = isLive && c.segment !== 'pipeline' || (c.segment === 'pipeline' && stage === 'live')
      ? (newcomer || (wonAt >= 0 && w - wonAt < 3) ? 'low' : c.usageBase) : null;
    if (usage && w === blipWeek && usage !== 'low') usage = usage === 'high' ? 'normal' : 'low';
    let complaints = isLive ? rng.poisson(complaintRate) : 0;
    if (w === oneComplaintWeek && isLive) complaints += rng.yes(0.75) ? 1 : 2;
    const faults = usage ? rng.poisson(faultRate) + (w === incidentWeek ? rng.int(3, 6) : 0) : 0;
    const health: Health = rep.mood === 'pessimist' && rng.yes(0.03) ? 'red' : sticky;
    c.weeks.push({
      contacts,
      contactDay: contacts > 0 ? rng.int(0, 4) : null,
      revenue: Math.round(revenue / 10) * 10,
      complaints,
      complaintType: complaints > 0 ? rng.one(TYPES) : null,
      requirementChanges: lost ? 0 : rng.poisson(churnRate) + (w === oneChangeWeek ? 1 : 0),
      faults,
      usage,
      stage,
      expectedClose: close,
      health,
      missing: absent,
      absent,
    });
  }
}
