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
  const repN = new Map<number, number>();
  const repZeros = new Map<number, number>();
  const repTotals = new Map<number, { n: number; zeros: number }>();
  for (const [customerId, slots] of grid) {
    const repRow = reps.get(customerId);
    for (let w = 0; w < W; w++) {
      const c = slots[w]?.contacts;
      if (c === null || c === undefined) continue;
      n[w]!++;
      if (c === 0) zeros[w]!++;
      const rep = repRow?.[w];
      if (rep === null || rep === undefined) continue;
      const key = repWeekKey(rep, w);
      repN.set(key, (repN.get(key) ?? 0) + 1);
      if (c === 0) repZeros.set(key, (repZeros.get(key) ?? 0) + 1);
      let t = repTotals.get(rep);
      if (!t) repTotals.set(rep, (t = { n: 0, zeros: 0 }));
      t.n++;
      if (c === 0) t.zeros++;
    }
  }
  const repWeeks = new Set<number>();
  for (const [key, count] of repN) {
    if (count < MIN_REP_ENTRIES || (repZeros.get(key) ?? 0) < count) continue;
    const rep = Math.floor(key / 1024);
    const t = repTotals.get(rep)!;
    // Only when zero is unusual for this rep; a rep whose customers are always quiet tells us nothing.
    if (t.zeros / t.n < 0.5) repWeeks.add(key);
  }
  // Team share of zero-contact entries, leaving out reps already known to be away that week.
  for (const key of repWeeks) {
    const w = key % 1024;
    n[w]! -= repN.get(key)!;
    zeros[w]! -= repZeros.get(key) ?? 0;
  }
  const shares: number[] = [];
  for (let w = 0; w < W; w++) if (n[w]! >= MIN_TEAM_ENTRIES) shares.push(zeros[w]! / n[w]!);
  const typical = median(shares);
  const teamWeeks = new Set<number>();
  for (let w = 0; w < W; w++) {
    if (n[w]! >= MIN_TEAM_ENTRIES && zeros[w]! / n[w]! >= Math.max(0.5, typical + 0.35)) teamWeeks.add(w);
  }
  return { teamWeeks, repWeeks };
}
