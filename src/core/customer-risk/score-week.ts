// Score a whole team for one week in one pass: group the window's entries by customer with Maps, detect
// team/rep quiet weeks, compute peer baselines per segment, then score each customer. Pure and set-based.
import type { EntryValues } from '../weekly-report/template.js';
import { addWeeks, compareWeeks, weekRange, type WeekId } from '../weekly-report/week.js';
import { detectQuietWeeks, repWeekKey } from './quiet-weeks.js';
import { peerBaselines } from './peer-baseline.js';
import { scoreCustomer } from './score-customer.js';
import type { CustomerProfile, CustomerScore, PreviousScore, ScoredEntry, WeekObservation } from './types.js';
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
 * Score every customer that has at least one entry in the history window ending at `args.week`.
 * Runs in time linear in the number of entries; no per-customer scans of the full list.
 */
export function scoreWeek(args: ScoreWeekArgs): CustomerScore[] {
  const config = args.config ?? DEFAULT_SCORING;
  const start = historyWindowStart(args.week, config);
  const weeks = weekRange(start, args.week);
  const weekIndex = new Map<WeekId, number>();
  weeks.forEach((w, i) => weekIndex.set(w, i));
  const W = weeks.length;

  const customerById = new Map<number, CustomerProfile>();
  for (const c of args.customers) customerById.set(c.id, c);

  // Per customer: entries by week position, and which rep filed them.
  const grid = new Map<number, Array<ScoredEntry | null>>();
  const reps = new Map<number, Array<number | null>>();
  for (const row of args.entries) {
    if (compareWeeks(row.week, start) < 0 || compareWeeks(row.week, args.week) > 0) continue;
    const w = weekIndex.get(row.week);
    if (w === undefined || !customerById.has(row.customerId)) continue;
    let slots = grid.get(row.customerId);
    if (!slots) {
      slots = new Array<ScoredEntry | null>(W).fill(null);
      grid.set(row.customerId, slots);
    }
    const had = slots[w];
    const values = row.carried ? carriedEvidence(row.values) : row.values;
    slots[w] = had ? merge(had, values) : values;
    if (row.repId !== undefined && row.repId !== null) {
      let r = reps.get(row.customerId);
      if (!r) {
        r = new Array<number | null>(W).fill(null);
        reps.set(row.customerId, r);
      }
      r[w] = row.repId;
    }
  }

  const excused = new Map<number, Set<number>>();
  for (const e of args.excused ?? []) {
    const w = weekIndex.get(e.week);
    if (w === undefined) continue;
    let set = excused.get(e.customerId);
    if (!set) excused.set(e.customerId, (set = new Set()));
    set.add(w);
  }
  const quiet = args.detectQuietWeeks === false ? null : detectQuietWeeks(grid, reps, W);
  const peers = peerBaselines(grid, customerById);
  const previous = new Map<number, PreviousScore>();
  for (const p of args.previous ?? []) previous.set(p.customerId, p);

  const out: CustomerScore[] = [];
  for (const [customerId, slots] of grid) {
    const customer = customerById.get(customerId)!;
    let first = 0;
    while (first < W - 1 && slots[first] === null) first++;
    const exc = excused.get(customerId);
    const repRow = reps.get(customerId);
    const history: WeekObservation[] = new Array(W - first);
    for (let w = first; w < W; w++) {
      const rep = repRow?.[w];
      const isQuiet = quiet !== null && (quiet.teamWeeks.has(w) || (rep != null && quiet.repWeeks.has(repWeekKey(rep, w))));
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
