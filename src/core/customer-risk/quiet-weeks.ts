// Quiet weeks nobody told us about: a team holiday (most customers report zero contacts at once) or one
// rep's holiday (every customer of that rep at zero). Silence in such a week says nothing about a customer.
import type { EntryValues } from '../weekly-report/template.js';
import { median } from './history.js';

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

export function detectQuietWeeks(
  grid: ReadonlyMap<number, ReadonlyArray<EntryValues | null>>, reps: ReadonlyMap<number, ReadonlyArray<number | null>>, W: number,
): QuietWeeks {
  const n = new Array<number>(W).fill(0);
  const zeros = new Array<number>(W).fill(0);
  // Per rep: entries and zero-contact entries by week (typed arrays: one Map lookup per entry).
  const perRep = new Map<number, { n: Int32Array; zeros: Int32Array }>();
  for (const [customerId, slots] of grid) {
    const repRow = reps.get(customerId);
    for (let w = 0; w < W; w++) {
      const c = slots[w]?.contacts;
      if (c === null || c === undefined) continue;
      n[w]!++;
      if (c === 0) zeros[w]!++;
      const rep = repRow?.[w];
      if (rep === null || rep === undefined) continue;
      let r = perRep.get(rep);
      if (!r) perRep.set(rep, (r = { n: new Int32Array(W), zeros: new Int32Array(W) }));
      r.n[w]!++;
      if (c === 0) r.zeros[w]!++;
    }
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
