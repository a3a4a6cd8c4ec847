// `holdoutBook`: an independent held-out book of weekly reports in the import format, with one planted
// problem per planted customer and the distractors of real books: holidays and group vacations, reps who
// have not filed the last week yet, reps' reporting habits, month-end payers, dormant, churned and new accounts.
import { TAGS, type Tag } from '../../../../src/core/customer-risk/types.js';
import type { SimRecord, SimTruth } from '../../../../src/core/simulate/types.js';
import { addDays, addWeeks, daysBetween, weekRange, type WeekId } from '../../../../src/core/weekly-report/week.js';
import {
  customerName, liveHealthy, makeCalendar, makeCustomer, makeReps,
  type Calendar, type HoldoutCustomer, type HoldoutRep,
} from './holdout-model.js';
import { canCarry, MIN_LEAD, PLANT, reactHealth } from './holdout-plant.js';
import { HoldoutRng } from './holdout-rng.js';

export interface HoldoutOptions { seed: number; customers?: number; reps?: number; weeks?: number }

export interface HoldoutParams {
  customers: number; reps: number; weeks: number; endWeek: WeekId;
  entryMiss: number; perTag: number; lateReps: number; groupVacation: boolean;
}

export interface HoldoutBook {
  seed: number;
  weeks: WeekId[];
  endWeek: WeekId;
  records: SimRecord[];
  truth: SimTruth[];
  params: HoldoutParams;
  reps: HoldoutRep[];
  /** Per customer name: how it was modelled (for reading failures). */
  about: Map<string, { segment: string; habit: string; mood: string; payStyle: string; firstWeek: number }>;
}

export function holdoutParams(o: HoldoutOptions): HoldoutParams {
  const rng = new HoldoutRng(o.seed, 99);
  const customers = o.customers ?? rng.int(80, 400);
  return {
    customers,
    reps: o.reps ?? Math.max(3, Math.round(customers / rng.int(15, 35))),
    weeks: o.weeks ?? rng.int(20, 52),
    endWeek: addWeeks('2025-W03', rng.int(0, 100)),
    entryMiss: rng.between(0.005, 0.03),
    perTag: Math.max(2, Math.min(10, Math.round((customers / 45) * rng.between(0.8, 1.3)))),
    lateReps: rng.yes(0.5) ? rng.int(1, 2) : 0,
    groupVacation: rng.yes(0.5),
  };
}

/** Which (customer, week) reports are missing: rep misses, holidays, group vacations, not-yet-filed last week. */
function markMissing(rng: HoldoutRng, p: HoldoutParams, cal: Calendar, reps: HoldoutRep[], customers: HoldoutCustomer[]): void {
  const W = cal.weeks.length;
  const repOff = reps.map(() => new Array<boolean>(W).fill(false));
  reps.forEach((rep, r) => {
    for (let w = 0; w < W; w++) {
      if (rng.yes(rep.missRate)) repOff[r]![w] = true;
      if (cal.holiday[w] && rng.yes(0.4)) repOff[r]![w] = true;
    }
  });
  if (p.groupVacation) {
    const start = rng.yes(0.3) ? rng.int(W - 3, W - 1) : rng.int(1, W - 2);
    const len = rng.int(1, 2);
    for (const r of rng.shuffled(reps.map((_, i) => i)).slice(0, rng.int(2, Math.min(4, reps.length)))) {
      for (let w = start; w < Math.min(W, start + len); w++) repOff[r]![w] = true;
    }
  }
  for (const r of rng.shuffled(reps.map((_, i) => i)).slice(0, p.lateReps)) repOff[r]![W - 1] = true;
  for (const c of customers) {
    for (let w = 0; w < W; w++) {
      const t = c.weeks[w]!;
      t.missing = t.absent || repOff[c.rep]![w]! || rng.yes(p.entryMiss);
    }
  }
}

function plant(rng: HoldoutRng, p: HoldoutParams, cal: Calendar, reps: HoldoutRep[], customers: HoldoutCustomer[]): SimTruth[] {
  const W = cal.weeks.length;
  const truth: SimTruth[] = [];
  for (const tag of rng.shuffled(TAGS)) {
    let planted = 0;
    for (const c of rng.shuffled(customers)) {
      if (planted >= p.perTag) break;
      if (c.planted || !canCarry(tag, c, reps[c.rep]!, W)) continue;
      const lead = rng.int(MIN_LEAD[tag as Tag], 8);
      const onset = W - 1 - lead;
      if (onset < Math.max(c.firstWeek + 6, 8)) continue;
      // The problem must be in at least two filed reports (a manager cannot know what nobody wrote down).
      let filed = 0;
      for (let w = onset; w < W; w++) if (!c.weeks[w]!.missing) filed++;
      if (filed < 2) continue;
      PLANT[tag](rng, c, onset, cal);
      reactHealth(rng, c, reps[c.rep]!, onset);
      c.planted = tag;
      truth.push({ customer: c.name, tag, onsetWeek: cal.weeks[onset]! });
      planted++;
    }
  }
  return truth;
}

const monthEndOf = (date: string) => addDays(`${addDays(`${date.slice(0, 7)}-28`, 4).slice(0, 7)}-01`, -1);

/** Receivable and days overdue at each Friday, from invoices and how the customer pays. */
function finance(rng: HoldoutRng, cal: Calendar, c: HoldoutCustomer): Array<{ receivable: number; overdueDays: number }> {
  const W = cal.weeks.length;
  const inv: Array<{ issue: string; due: string; amount: number; paid: string }> = [];
  const payDate = (issue: string, due: string): string => {
    if (c.hold && (due === c.hold.due || (c.hold.crunch && due >= c.hold.due))) return '9999-12-31';
    if (c.payStyle === 'monthEnd') {
      let pay = monthEndOf(due);
      if (daysBetween(due, pay) > 5) pay = addDays(`${due.slice(0, 7)}-01`, -1);
      return pay < issue ? addDays(due, rng.int(0, 3)) : pay;
    }
    return addDays(due, rng.yes(0.65) ? 0 : rng.int(1, 5));
  };
  for (let w = 0; w < W; w++) {
    const t = c.weeks[w]!;
    if (t.absent || t.revenue <= 0) continue;
    const issue = addDays(cal.monday[w]!, 4);
    const due = addDays(issue, c.termDays);
    inv.push({ issue, due, amount: t.revenue, paid: payDate(issue, due) });
  }
  if (c.hold) inv.push({ issue: addDays(c.hold.due, -c.termDays), due: c.hold.due, amount: c.hold.amount, paid: '9999-12-31' });
  return cal.monday.map((m) => {
    const r = addDays(m, 4);
    let receivable = 0, overdueDays = 0;
    for (const i of inv) {
      if (i.issue > r || i.paid <= r) continue;
      receivable += i.amount;
      if (i.due < r) overdueDays = Math.max(overdueDays, daysBetween(i.due, r));
    }
    return { receivable: Math.round(receivable), overdueDays };
  });
}

const OPEN = new Set(['lead', 'qualified', 'proposal', 'negotiation']);
const NOTES = ['', '', '', '例行拜访', '等采购流程', 'waiting for budget', 'QBR next month', '客户内部调整', 'sent proposal v2'];

function toRecords(rng: HoldoutRng, cal: Calendar, reps: HoldoutRep[], customers: HoldoutCustomer[]): SimRecord[] {
  const out: SimRecord[] = [];
  const W = cal.weeks.length;
  for (const c of customers) {
    const rep = reps[c.rep]!;
    const money = finance(rng, cal, c);
    let lastContact = addDays(c.firstWeek > 0 ? c.since : cal.monday[0]!, -rng.int(3, 30));
    let monthly = 0;
    const fillRate = rep.habit === 'sparse' ? 0.6 : rep.habit === 'diligent' ? 0.98 : 0.9;
    const fill = <T>(v: T, important = false): T | null => (rng.yes(important ? Math.max(fillRate, 0.9) : fillRate) ? v : null);
    for (let w = 0; w < W; w++) {
      const t = c.weeks[w]!;
      if (t.absent) continue;
      if (t.contactDay !== null) lastContact = addDays(cal.monday[w]!, t.contactDay);
      monthly += t.revenue;
      if (t.missing) continue;
      let revenue = t.revenue;
      if (rep.habit === 'monthlyRevenue') {
        revenue = cal.monthEnd[w] ? monthly : 0;
        if (cal.monthEnd[w]) monthly = 0;
      }
      const open = OPEN.has(t.stage);
      const lcRate = rep.habit === 'binaryContacts' ? 0.1 : rep.habit === 'sparse' ? 0.4 : 0.95;
      out.push({
        week: cal.weeks[w]!, rep: rep.email, repName: rep.name, customer: c.name,
        industry: c.industry, region: c.region, tier: c.tier, since: c.since,
        contacts: rep.habit === 'binaryContacts' ? Math.min(1, t.contacts) : t.contacts,
        lastContact: rng.yes(lcRate) ? lastContact : null,
        revenue,
        receivable: open ? null : fill(money[w]!.receivable, money[w]!.overdueDays > 0),
        overdueDays: open ? null : fill(money[w]!.overdueDays, money[w]!.overdueDays > 0),
        complaints: fill(t.complaints, t.complaints > 0),
        complaintType: t.complaints > 0 ? t.complaintType : null,
        requirementChanges: fill(t.requirementChanges, t.requirementChanges > 0),
        faults: t.usage ? fill(t.faults, t.faults > 0) : null,
        usage: t.usage ? fill(t.usage) : null,
        stage: t.stage,
        expectedClose: t.expectedClose && (t.stage === 'renewal' || open) ? fill(t.expectedClose, true) : null,
        health: fill(t.health),
        collected: null, paymentTermDays: null,
        notes: rng.one(NOTES),
      });
    }
  }
  // Ascending by week, as an export of a reporting system would be.
  out.sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
  return out;
}

/** Generate a held-out book, deterministic per seed (and optional size overrides). */
export function holdoutBook(o: HoldoutOptions): HoldoutBook {
  const p = holdoutParams(o);
  const weeks = weekRange(addWeeks(p.endWeek, -(p.weeks - 1)), p.endWeek);
  const cal = makeCalendar(weeks);
  const reps = makeReps(new HoldoutRng(o.seed, 1), p.reps);
  const rng = new HoldoutRng(o.seed, 2);
  const used = new Set<string>();
  const customers = Array.from({ length: p.customers }, (_, i) =>
    makeCustomer(rng, cal, customerName(rng, used), i < reps.length ? i : rng.int(0, reps.length - 1)));
  const life = new HoldoutRng(o.seed, 3);
  for (const c of customers) liveHealthy(life, cal, c, reps[c.rep]!);
  markMissing(new HoldoutRng(o.seed, 4), p, cal, reps, customers);
  const truth = plant(new HoldoutRng(o.seed, 5), p, cal, reps, customers);
  const records = toRecords(new HoldoutRng(o.seed, 6), cal, reps, customers);
  const about = new Map(customers.map((c) => [c.name, {
    segment: c.segment, habit: reps[c.rep]!.habit, mood: reps[c.rep]!.mood, payStyle: c.payStyle, firstWeek: c.firstWeek,
  }]));
  return { seed: o.seed, weeks, endWeek: p.endWeek, records, truth, params: p, reps, about };
}
