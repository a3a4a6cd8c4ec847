// Benchmark: score one week of a 20,000-customer book with a year of weekly entries in memory.
// Prints the scoreWeek time, a bare baseline over the same entries (one pass summing a field into a Map)
// measured in the same run, and their ratio. Run: npx tsx bench/score-week.bench.ts
import { performance } from 'node:perf_hooks';
import { scoreWeek, type WeekEntryRow } from '../src/core/customer-risk/score-week.js';
import type { CustomerProfile } from '../src/core/customer-risk/types.js';
import { createRng } from '../src/core/simulate/prng.js';
import type { EntryValues, Stage } from '../src/core/weekly-report/template.js';
import { addDays, addWeeks, weekRange, weekStartDate } from '../src/core/weekly-report/week.js';

const CUSTOMERS = Number(process.env.CUSTOMERS ?? 20_000);
const WEEKS = 52;
const REPS = 400;
const END = '2026-W20';
const RUNS = 5;

function build(): { customers: CustomerProfile[]; entries: WeekEntryRow[] } {
  const rng = createRng(2026);
  const weeks = weekRange(addWeeks(END, -(WEEKS - 1)), END);
  const industries = ['software', 'manufacturing', 'retail', 'healthcare', 'logistics', 'finance'];
  const regions = ['East', 'North', 'South', 'West', 'Central'];
  const customers: CustomerProfile[] = [];
  const entries: WeekEntryRow[] = [];
  for (let id = 1; id <= CUSTOMERS; id++) {
    customers.push({ id, name: `Customer ${id}`, tier: rng.chance(0.2) ? 'key' : 'normal', industry: rng.pick(industries), region: rng.pick(regions), since: '2024-01-01' });
    const base = rng.uniform(2000, 50000);
    const open = rng.chance(0.25);
    const lambda = rng.uniform(1, 5);
    const problem = rng.chance(0.1) ? rng.int(0, 6) : -1;
    const stage: Stage = open ? 'negotiation' : 'live';
    let close = addDays(weekStartDate(END), rng.int(14, 120));
    for (let w = 0; w < WEEKS; w++) {
      if (rng.chance(0.03)) continue; // missing report
      const late = problem >= 0 && w >= WEEKS - 4;
      if (open && late && problem === 6) close = addDays(close, 21);
      const values: EntryValues = {
        contacts: late && problem === 1 ? 0 : rng.poisson(lambda),
        lastContact: null,
        revenue: open ? 0 : Math.round(base * (late && problem === 5 ? 0.3 : 1) * Math.exp(rng.normal(0, 0.25))),
        receivable: open ? null : Math.round(base * 3),
        overdueDays: late && problem === 0 ? 7 * (w - WEEKS + 5) : rng.chance(0.05) ? rng.int(1, 5) : 0,
        complaints: late && problem === 2 ? rng.int(1, 3) : rng.poisson(0.02),
        complaintType: null,
        requirementChanges: late && problem === 4 ? rng.int(1, 3) : rng.poisson(0.05),
        faults: open ? null : late && problem === 3 ? rng.int(1, 4) : rng.poisson(0.2),
        usage: open ? null : late && problem === 3 ? 'low' : 'normal',
        stage,
        expectedClose: open ? close : null,
        health: 'green',
        collected: null, paymentTermDays: null,
        notes: null,
      };
      entries.push({ week: weeks[w]!, customerId: id, values, repId: (id % REPS) + 1 });
    }
  }
  return { customers, entries };
}

function baseline(entries: readonly WeekEntryRow[]): number {
  // The least any weekly scorer must do: touch every entry once and group it by customer.
  const sums = new Map<number, number>();
  for (const e of entries) sums.set(e.customerId, (sums.get(e.customerId) ?? 0) + (e.values.revenue ?? 0));
  return sums.size;
}

function time<T>(fn: () => T): { ms: number; out: T } {
  const t0 = performance.now();
  const out = fn();
  return { ms: performance.now() - t0, out };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const built = time(build);
const { customers, entries } = built.out;
console.log(`book: ${customers.length} customers, ${WEEKS} weeks, ${entries.length} entries (built in ${built.ms.toFixed(0)} ms)`);

// Warm up both, then take the median of several runs.
scoreWeek({ customers, entries, week: END });
baseline(entries);
const scoreTimes: number[] = [];
const baseTimes: number[] = [];
let flagged = 0;
for (let i = 0; i < RUNS; i++) {
  const s = time(() => scoreWeek({ customers, entries, week: END }));
  flagged = s.out.filter((x) => x.grade).length;
  scoreTimes.push(s.ms);
  baseTimes.push(time(() => baseline(entries)).ms);
}
const score = median(scoreTimes);
const base = median(baseTimes);
console.log(`scoreWeek(${END}): ${score.toFixed(1)} ms (median of ${RUNS}; ${flagged} flagged)`);
console.log(`baseline (one pass over the same ${entries.length} entries, sum revenue into a Map): ${base.toFixed(1)} ms`);
console.log(`ratio scoreWeek / baseline: ${(score / base).toFixed(1)}x`);
