// Peer baselines: typical weekly revenue of customers in the same segment (industry and region),
// falling back to industry, then region, when a segment is too small. Context for the revenue reason.
import type { EntryValues } from '../weekly-report/template.js';
import { median } from './history.js';
import type { CustomerProfile, PeerBaseline, WindowGrid } from './types.js';
import { gridOf } from './quiet-weeks.js';

const MIN_PEERS = 3;
const MIN_WEEKS = 4;

export function peerBaselines(
  grid: ReadonlyMap<number, ReadonlyArray<EntryValues | null>>, customers: ReadonlyMap<number, CustomerProfile>,
): Map<number, PeerBaseline> {
  const first = grid.values().next();
  return peerBaselinesIn(gridOf(grid, first.done ? 0 : first.value.length), customers);
}

/** Peer baselines of a window, from its columnar grid (each customer-week's merged revenue). */
export function peerBaselinesIn(grid: WindowGrid, customers: ReadonlyMap<number, CustomerProfile>): Map<number, PeerBaseline> {
  const { W } = grid;
  const weekly = new Map<number, number>();
  grid.ids.forEach((id, c) => {
    let sum = 0, weeks = 0;
    for (let cell = c * W; cell < (c + 1) * W; cell++) {
      const r = grid.revenue[cell]!;
      if (r !== r) continue;
      sum += r;
      weeks++;
    }
    if (weeks >= MIN_WEEKS && sum > 0) weekly.set(id, sum / weeks);
  });
  const groups = new Map<string, number[]>();
  const add = (key: string, v: number) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = []));
    g.push(v);
  };
  const keysOf = (c: CustomerProfile): Array<[string, string]> => {
    const keys: Array<[string, string]> = [];
    if (c.industry && c.region) keys.push([`ir:${c.industry}\u0000${c.region}`, `${c.industry} / ${c.region}`]);
    if (c.industry) keys.push([`i:${c.industry}`, c.industry]);
    if (c.region) keys.push([`r:${c.region}`, c.region]);
    return keys;
  };
  for (const [id, v] of weekly) for (const [key] of keysOf(customers.get(id)!)) add(key, v);

  const medians = new Map<string, PeerBaseline | null>();
  const out = new Map<number, PeerBaseline>();
  for (const id of grid.ids) {
    for (const [key, label] of keysOf(customers.get(id)!)) {
      let peer = medians.get(key);
      if (peer === undefined) {
        const g = groups.get(key) ?? [];
        peer = g.length >= MIN_PEERS ? { segment: label, medianWeeklyRevenue: median(g), customers: g.length } : null;
        medians.set(key, peer);
      }
      if (peer) {
        out.set(id, peer);
        break;
      }
    }
  }
  return out;
}
