// Score a whole team for one week in one pass: group the window's entries by customer with Maps, detect
// team/rep quiet weeks, compute peer baselines per segment, then score each customer. Pure and set-based.
import type { EntryValues } from '../weekly-report/template.js';
import { addWeeks, compareWeeks, weekRange, type WeekId } from '../weekly-report/week.js';
import { detectQuietWeeksIn, repWeekKey } from './quiet-weeks.js';
import { peerBaselinesIn } from './peer-baseline.js';
import { scoreCustomer } from './score-customer.js';
import type { CustomerProfile, CustomerScore, PreviousScore, ScoredEntry, WeekObservation, WindowGrid } from './types.js';
import { DEFAULT_SCORING, type ScoringConfig } from './weights.js';
import type { RuleFields } from '../custom-tags/custom-tags.js';

/** One customer's entry in one week (as loaded from storage in one query). */
export interface WeekEntryRow {
  week: WeekId;
  customerId: number;
  values: ScoredEntry;
  /** The rep who filed it; lets the scorer spot a rep's holiday week (all their customers quiet). */
  repId?: number | null;
  /** A "no change" week: last week's values carried, read as evidence only where they keep ageing. */
  carried?: boolean;
}

/**
 * What a carried week tells the scorer: the debt (already aged when stored) and the deal's stage and dates,
 * which keep ageing or standing on their own; the last-contact date, so a silence already known keeps
 * accruing once a later report confirms it. Counts, revenue, usage and health are unknown that week: a
 * carried week is a missing report for activity, trends and bursts, never a fresh confirmation or a reset.
 */
export function carriedEvidence(v: ScoredEntry): ScoredEntry {
  return {
    // Custom fields carry as the rep left them: a contract's end date does not vanish on a "no change" week.
    ...(v.custom ? { custom: v.custom } : {}),
    contacts: null, lastContact: v.lastContact, revenue: null, receivable: v.receivable, overdueDays: v.overdueDays,
    collected: null, paymentTermDays: v.paymentTermDays,
    complaints: null, complaintType: null, requirementChanges: null, faults: null, usage: null,
    stage: v.stage, expectedClose: v.expectedClose, health: null, notes: null,
  };
}

/** A (customer, week) whose silence means nothing: the owning rep was away, or a team holiday. */
export interface ExcusedRow {
  customerId: number;
  week: WeekId;
}

export interface ScoreWeekArgs {
  customers: readonly CustomerProfile[];
  /** Entries of the team; rows outside the history window are ignored, so passing more is fine. */
  entries: readonly WeekEntryRow[];
  /** The week to score. */
  week: WeekId;
  /** Last week's scores (a `CustomerScore[]` fits), for delta and weeks-in-red. */
  previous?: ReadonlyArray<PreviousScore & { customerId: number }>;
  excused?: readonly ExcusedRow[];
  config?: ScoringConfig;
  /** The team's fields as custom problem tags read them (labels, options); default the built-in template. */
  fields?: RuleFields;
  /** Treat weeks where the whole team, or all of one rep's customers, report zero contacts as excused. Default true. */
  detectQuietWeeks?: boolean;
}

/** First week of the history window that ends at `week` (inclusive). */
export function historyWindowStart(week: WeekId, config: ScoringConfig = DEFAULT_SCORING): WeekId {
  return addWeeks(week, -(config.historyWeeks - 1));
}

function merge(into: ScoredEntry, from: ScoredEntry): ScoredEntry {
  const out = { ...into } as Record<string, unknown>;
  for (const [k, v] of Object.entries(from)) if (v !== null && v !== undefined) out[k] = v;
  // Two reports of one week: custom values merge field by field like the built-in ones.
  if (into.custom && from.custom) out.custom = { ...into.custom, ...from.custom };
  return out as unknown as ScoredEntry;
}

/**
 * The scorer's input rows read by position: a `WeekEntryRow[]` (entryRunOf), or one stored week read from
 * columns without an object per row. Rows are read in order; the order decides which customer comes first
 * and how two entries of one week merge, as it did for a `WeekEntryRow[]`.
 */
export interface EntryRun {
  readonly length: number;
  week(i: number): WeekId;
  customerId(i: number): number;
  repId(i: number): number | null | undefined;
  carried(i: number): boolean;
  /** The row's contacts and revenue as reported (what quiet weeks and peer baselines read), without building its values. */
  contacts(i: number): number | null | undefined;
  revenue(i: number): number | null | undefined;
  /**
   * The row's values as stored (before a carried week's evidence is taken). May build a new object each call:
   * the scorer reads it while scoring the row's customer and keeps nothing of it.
   */
  values(i: number): ScoredEntry;
}

/** A list of rows as an EntryRun (the rows' own values objects are read, as before). */
export function entryRunOf(rows: readonly WeekEntryRow[]): EntryRun {
  return {
    length: rows.length,
    week: (i) => rows[i]!.week,
    customerId: (i) => rows[i]!.customerId,
    repId: (i) => rows[i]!.repId,
    carried: (i) => rows[i]!.carried === true,
    contacts: (i) => rows[i]!.values.contacts,
    revenue: (i) => rows[i]!.values.revenue,
    values: (i) => rows[i]!.values,
  };
}

/** Rows ordered by week as one EntryRun per week, in week order. */
export function entryRunsByWeek<R extends WeekEntryRow>(rows: readonly R[]): Map<WeekId, EntryRun> {
  const byWeek = new Map<WeekId, R[]>();
  for (const row of rows) {
    let list = byWeek.get(row.week);
    if (!list) byWeek.set(row.week, (list = []));
    list.push(row);
  }
  return new Map([...byWeek].map(([week, list]) => [week, entryRunOf(list)]));
}

/**
 * Score every customer that has at least one entry in the history window ending at `args.week`.
 * Runs in time linear in the number of entries; no per-customer scans of the full list.
 */
export function scoreWeek(args: ScoreWeekArgs): CustomerScore[] {
  const { entries, ...rest } = args;
  return scoreRuns([entryRunOf(entries)], rest);
}

const NONE = -1;
const UNSEEN = -1;
const UNKNOWN = -2;

/** Customer id → its number in first-appearance order (UNSEEN yet, or UNKNOWN: not a customer of the book). */
interface DenseIndex {
  get(id: number): number;
  set(id: number, c: number): void;
}

// Ids are small integers (database ids): an array indexed by id, else a Map.
function denseIndex(customers: readonly CustomerProfile[]): DenseIndex {
  let max = 0;
  for (const c of customers) {
    if (!Number.isInteger(c.id) || c.id < 0 || c.id > 1 << 24) max = Infinity;
    else if (c.id > max) max = c.id;
  }
  if (max <= Math.max(1 << 16, customers.length * 8)) {
    const slots = new Int32Array(max + 1).fill(UNKNOWN);
    for (const c of customers) slots[c.id] = UNSEEN;
    return {
      get: (id) => (id >= 0 && id <= max && Number.isInteger(id) ? slots[id]! : UNKNOWN),
      set: (id, c) => { slots[id] = c; },
    };
  }
  const map = new Map<number, number>();
  for (const c of customers) map.set(c.id, UNSEEN);
  return {
    get: (id) => map.get(id) ?? UNKNOWN,
    set: (id, c) => { map.set(id, c); },
  };
}

/**
 * scoreWeek over runs of rows (read in order, run after run). Set-level facts (quiet weeks, peer baselines)
 * come from a columnar grid of each customer-week's merged contacts and revenue; each customer's history is
 * then built, scored and dropped one customer at a time, so no object per row outlives its customer.
 */
export function scoreRuns(runs: readonly EntryRun[], args: Omit<ScoreWeekArgs, 'entries'>): CustomerScore[] {
  const config = args.config ?? DEFAULT_SCORING;
  const start = historyWindowStart(args.week, config);
  const weeks = weekRange(start, args.week);
  const weekIndex = new Map<WeekId, number>();
  weeks.forEach((w, i) => weekIndex.set(w, i));
  const W = weeks.length;

  const customerById = new Map<number, CustomerProfile>();
  for (const c of args.customers) customerById.set(c.id, c);

  // Pass 1: the rows of the window's known customers, customers numbered by first appearance, each
  // customer's rows chained in reading order (typed arrays: no object per row).
  let total = 0;
  for (const run of runs) total += run.length;
  const rowRun = new Int32Array(total);
  const rowAt = new Int32Array(total);
  const rowPos = new Int32Array(total);
  const rowCustomer = new Int32Array(total);
  const next = new Int32Array(total).fill(NONE);
  const head: number[] = [];
  const tail: number[] = [];
  const ids: number[] = [];
  const dense = denseIndex(args.customers);
  let kept = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    let lastWeek: WeekId | null = null;
    let lastPos = NONE;
    for (let i = 0; i < run.length; i++) {
      const week = run.week(i);
      if (week !== lastWeek) {
        lastWeek = week;
        lastPos = compareWeeks(week, start) < 0 || compareWeeks(week, args.week) > 0 ? NONE : (weekIndex.get(week) ?? NONE);
      }
      if (lastPos === NONE) continue;
      const customerId = run.customerId(i);
      let c = dense.get(customerId);
      if (c < 0) {
        if (c === UNKNOWN) continue;
        c = ids.length;
        dense.set(customerId, c);
        ids.push(customerId);
        head.push(kept);
        tail.push(kept);
      } else {
        next[tail[c]!] = kept;
        tail[c] = kept;
      }
      rowRun[kept] = r;
      rowAt[kept] = i;
      rowPos[kept] = lastPos;
      rowCustomer[kept] = c;
      kept++;
    }
  }

  // Pass 2: each customer-week's merged contacts and revenue (a later report's value wins; a carried
  // week has neither), and the rep who filed it last, as the grid of merged entries held them.
  const C = ids.length;
  const grid: WindowGrid = {
    ids, W,
    contacts: new Float64Array(C * W).fill(NaN),
    revenue: new Float64Array(C * W).fill(NaN),
    reps: new Float64Array(C * W).fill(NaN),
  };
  for (let k = 0; k < kept; k++) {
    const run = runs[rowRun[k]!]!;
    const i = rowAt[k]!;
    const cell = rowCustomer[k]! * W + rowPos[k]!;
    const rep = run.repId(i);
    if (rep !== undefined && rep !== null) grid.reps[cell] = rep;
    if (run.carried(i)) continue;
    const contacts = run.contacts(i);
    if (contacts !== null && contacts !== undefined) grid.contacts[cell] = contacts;
    const revenue = run.revenue(i);
    if (revenue !== null && revenue !== undefined) grid.revenue[cell] = revenue;
  }

  const excused = new Map<number, Set<number>>();
  for (const e of args.excused ?? []) {
    const w = weekIndex.get(e.week);
    if (w === undefined) continue;
    let set = excused.get(e.customerId);
    if (!set) excused.set(e.customerId, (set = new Set()));
    set.add(w);
  }
  const quiet = args.detectQuietWeeks === false ? null : detectQuietWeeksIn(grid);
  const peers = peerBaselinesIn(grid, customerById);
  const previous = new Map<number, PreviousScore>();
  for (const p of args.previous ?? []) previous.set(p.customerId, p);

  const out: CustomerScore[] = [];
  for (let c = 0; c < C; c++) {
    const customerId = ids[c]!;
    const customer = customerById.get(customerId)!;
    // This customer's entries by week position, merged as they come.
    const slots = new Array<ScoredEntry | null>(W).fill(null);
    for (let k = head[c]!; k !== NONE; k = next[k]!) {
      const run = runs[rowRun[k]!]!;
      const i = rowAt[k]!;
      const w = rowPos[k]!;
      const had = slots[w];
      const values = run.carried(i) ? carriedEvidence(run.values(i)) : run.values(i);
      slots[w] = had ? merge(had, values) : values;
    }
    let first = 0;
    while (first < W - 1 && slots[first] === null) first++;
    const exc = excused.get(customerId);
    const history: WeekObservation[] = new Array(W - first);
    for (let w = first; w < W; w++) {
      const rep = grid.reps[c * W + w]!;
      const isQuiet = quiet !== null && (quiet.teamWeeks.has(w) || (rep === rep && quiet.repWeeks.has(repWeekKey(rep, w))));
      history[w - first] = { week: weeks[w]!, entry: slots[w] ?? null, excused: (exc?.has(w) ?? false) || isQuiet };
    }
    out.push(scoreCustomer({
      customer, week: args.week, history, peer: peers.get(customerId) ?? null, previous: previous.get(customerId) ?? null,
    }, config, args.fields));
  }
  return out;
}

export interface ScoreHistoryArgs extends Omit<ScoreWeekArgs, 'week' | 'previous'> {
  from: WeekId;
  to: WeekId;
}

/**
 * Score consecutive weeks `from`..`to` in order, feeding each week's scores forward as `previous`
 * (for import backfills, the simulator and tests). Entries are bucketed by week once.
 */
export function scoreHistory(args: ScoreHistoryArgs): Map<WeekId, CustomerScore[]> {
  const config = args.config ?? DEFAULT_SCORING;
  const byWeek = new Map<WeekId, WeekEntryRow[]>();
  for (const row of args.entries) {
    let list = byWeek.get(row.week);
    if (!list) byWeek.set(row.week, (list = []));
    list.push(row);
  }
  const out = new Map<WeekId, CustomerScore[]>();
  let previous: CustomerScore[] = [];
  for (const week of weekRange(args.from, args.to)) {
    const entries: WeekEntryRow[] = [];
    for (const w of weekRange(historyWindowStart(week, config), week)) {
      const list = byWeek.get(w);
      if (list) for (const row of list) entries.push(row);
    }
    previous = scoreWeek({ ...args, entries, week, previous, config });
    out.set(week, previous);
  }
  return out;
}
