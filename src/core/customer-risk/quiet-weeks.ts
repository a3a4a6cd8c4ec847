// Quiet weeks nobody told us about: a team holiday (most customers report zero contacts at once) or one
// rep's holiday (every customer of that rep at zero). Silence in such a week says nothing about a customer.
import type { EntryValues } from '../weekly-report/template.js';
import { median } from './history.js';
import type { WindowGrid } from './types.js';

export interface QuietWeeks {
  /** Week positions (in the window) that were quiet for the whole team. */
  teamWeeks: Set<number>;
  /** `repWeekKey(rep, week)` for weeks quiet for one rep. */
  repWeeks: Set<number>;
}

/** Numeric key for a (rep, week position) pair; window positions are < 1024. */
export const repWeekKey = (rep: number, w: number) => rep * 1024 + w;

const MIN_TEAM_ENTRIES = 10;
const MIN_REP_ENTRIES = 3;

/** detectQuietWeeks over a grid of merged entries by customer (and the rep who filed each week). */
export function detectQuietWeeks(
  grid: ReadonlyMap<number, ReadonlyArray<EntryValues | null>>, reps: ReadonlyMap<number, ReadonlyArray<number | null>>, W: number,
): QuietWeeks {
  return detectQuietWeeksIn(gridOf(grid, W, reps));
}

/** The columnar grid of merged entries (a Map by customer, as scoreWeek once held them). */
export function gridOf(
  grid: ReadonlyMap<number, ReadonlyArray<EntryValues | null>>, W: number, reps?: ReadonlyMap<number, ReadonlyArray<number | null>>,
): WindowGrid {
  const ids = [...grid.keys()];
  const out: WindowGrid = { ids, W, contacts: new Float64Array(ids.length * W).fill(NaN), revenue: new Float64Array(ids.length * W).fill(NaN), reps: new Float64Array(ids.length * W).fill(NaN) };
  ids.forEach((id, c) => {
    const slots = grid.get(id)!;
    const repRow = reps?.get(id);
    for (let w = 0; w < W; w++) {
      const e = slots[w];
      if (e?.contacts !== null && e?.contacts !== undefined) out.contacts[c * W + w] = e.contacts;
      if (e?.revenue !== null && e?.revenue !== undefined) out.revenue[c * W + w] = e.revenue;
      const rep = repRow?.[w];
      if (rep !== null && rep !== undefined) out.reps[c * W + w] = rep;
    }
  });
  return out;
}

/** Team and rep quiet weeks of a window, from its columnar grid. */
export function detectQuietWeeksIn(grid: WindowGrid): QuietWeeks {
  const { W } = grid;
  const n = new Array<number>(W).fill(0);
  const zeros = new Array<number>(W).fill(0);
  // Per rep: entries and zero-contact entries by week (typed arrays: one Map lookup per entry).
  const perRep = new Map<number, { n: Int32Array; zeros: Int32Array }>();
  for (let cell = 0, C = grid.ids.length; cell < C * W; cell++) {
    const c = grid.contacts[cell]!;
    if (c !== c) continue;
    const w = cell % W;
    n[w]!++;
    if (c === 0) zeros[w]!++;
    const rep = grid.reps[cell]!;
    if (rep !== rep) continue;
    let r = perRep.get(rep);
    if (!r) perRep.set(rep, (r = { n: new Int32Array(W), zeros: new Int32Array(W) }));
    r.n[w]!++;
    if (c === 0) r.zeros[w]!++;
  }
  const repWeeks = new Set<number>();
  for (const [rep, r] of perRep) {
    let total = 0, totalZeros = 0;
    for (let w = 0; w < W; w++) {
      total += r.n[w]!;
      totalZeros += r.zeros[w]!;
    }
    // Only when zero is unusual for this rep; a rep whose customers are always quiet tells us nothing.
    if (totalZeros / total >= 0.5) continue;
    for (let w = 0; w < W; w++) {
      if (r.n[w]! < MIN_REP_ENTRIES || r.zeros[w]! < r.n[w]!) continue;
      repWeeks.add(repWeekKey(rep, w));
      n[w]! -= r.n[w]!;
      zeros[w]! -= r.zeros[w]!;
    }
  }
  // Team share of zero-contact entries, leaving out reps already known to be away that week.
  const shares: number[] = [];
  for (let w = 0; w < W; w++) if (n[w]! >= MIN_TEAM_ENTRIES) shares.push(zeros[w]! / n[w]!);
  const typical = median(shares);
  const teamWeeks = new Set<number>();
  for (let w = 0; w < W; w++) {
    if (n[w]! >= MIN_TEAM_ENTRIES && zeros[w]! / n[w]! >= Math.max(0.5, typical + 0.35)) teamWeeks.add(w);
  }
  return { teamWeeks, repWeeks };
}
