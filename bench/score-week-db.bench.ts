// Benchmark: the whole weekly scoring path on SQLite — load the history window in one query, score
// 20,000 customers, store the scores — for a book with a year of weekly entries.
// Prints the figure, a bare baseline measured in the same run (one indexed read of the same window,
// summing revenue into a Map), and the ratio. Run: npx tsx bench/score-week-db.bench.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/storage/db.js';
import { createRepositories } from '../src/storage/repositories.js';
import { simulateBook } from '../src/core/simulate/index.js';
import { historyWindowStart, scoreWeek } from '../src/core/customer-risk/score-week.js';
import { DEFAULT_SCORING } from '../src/core/customer-risk/weights.js';
import { FIELD_IDS, type EntryValues } from '../src/core/weekly-report/template.js';
import { addWeeks } from '../src/core/weekly-report/week.js';
import { ensureScored } from '../src/app/scoring/scoring.service.js';
import { DEFAULT_SETTINGS } from '../src/config/radar-config.js';
import { silentLogger } from '../src/runtime/logging/logger.js';

const CUSTOMERS = Number(process.env.CUSTOMERS ?? 20_000);
const RUNS = 5;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const dir = mkdtempSync(join(tmpdir(), 'radar-bench-'));
const db = openDb(join(dir, 'bench.sqlite'));
const repos = createRepositories(db);
const team = repos.teams.ensureTeam({ name: 'Bench', timezone: 'Asia/Shanghai', locale: 'en' });

const t0 = performance.now();
const book = simulateBook({ seed: 11, customers: CUSTOMERS, reps: 200, weeks: 52 });
const week = book.endWeek;
const reps = new Map(book.reps.map((r) => [r.email, repos.teams.upsertMember({ teamId: team.id, email: r.email, name: r.name, role: 'rep' }).id]));
const customerIds = new Map<string, number>();
repos.transaction(() => {
  for (const c of book.customers) {
    customerIds.set(c.name, repos.customers.upsertCustomer({ teamId: team.id, name: c.name, ownerRepId: reps.get(c.rep) ?? null, industry: c.industry, region: c.region, tier: c.tier, since: c.since }).id);
  }
  for (const r of book.records) {
    const values = Object.fromEntries(FIELD_IDS.map((f) => [f, r[f] ?? null])) as unknown as EntryValues;
    repos.reports.upsertEntry({ teamId: team.id, week: r.week, repId: reps.get(r.rep)!, customerId: customerIds.get(r.customer)!, values, source: 'import' }, '2026-01-01T00:00:00Z');
  }
});
// Last week's scores exist (as they do every Monday), so only the new week is scored.
const profiles = repos.customers.listCustomers(team.id).map((c) => ({ id: c.id, name: c.name, tier: c.tier, industry: c.industry, region: c.region, since: c.since }));
const lastWeek = addWeeks(week, -1);
const lastRows = repos.reports.entriesInRange(team.id, historyWindowStart(lastWeek), lastWeek)
  .map((e) => ({ week: e.week, customerId: e.customerId, values: e.values, repId: e.repId }));
repos.scores.saveWeekScores(team.id, lastWeek, scoreWeek({ customers: profiles, entries: lastRows, week: lastWeek }));
console.log(`setup: ${book.customers.length} customers, ${book.records.length} entries over ${book.weeks.length} weeks in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const ctx = { repos, settings: DEFAULT_SETTINGS, clock: () => new Date(), logger: silentLogger() };
const from = historyWindowStart(week, DEFAULT_SCORING);
const read = db.sqlite.prepare('SELECT customer_id, revenue FROM entries WHERE team_id = ? AND week BETWEEN ? AND ?').raw(true);

const figure: number[] = [];
const baseline: number[] = [];
let flagged = 0;
for (let run = 0; run < RUNS; run++) {
  repos.scores.invalidateFrom(team.id, week);
  let t = performance.now();
  flagged = ensureScored(ctx, team.id, week).filter((s) => s.grade !== null).length;
  figure.push(performance.now() - t);
  t = performance.now();
  const sums = new Map<number, number>();
  for (const row of read.iterate(team.id, from, week) as Iterable<[number, number | null]>) sums.set(row[0], (sums.get(row[0]) ?? 0) + (row[1] ?? 0));
  baseline.push(performance.now() - t);
}
const f = median(figure);
const b = median(baseline);
console.log(`score one week (load ${DEFAULT_SCORING.historyWeeks}-week window + score + store), ${CUSTOMERS} customers: ${f.toFixed(0)} ms (median of ${RUNS}; ${flagged} flagged)`);
console.log(`baseline (bare indexed read of the same window, sum revenue per customer): ${b.toFixed(0)} ms`);
console.log(`ratio: ${(f / b).toFixed(1)}x`);
db.close();
rmSync(dir, { recursive: true, force: true });
