// Benchmark: the dashboard's customer page (GET /dashboard/customers/:id: score and reasons, entries,
// tasks, the trend and the radar against the segment's median customer) for a signed-in owner of a
// 20,000-customer book, and the radar chart's data alone (charts.radar: the customer's sub-scores and
// the per-dimension median of its segment). Scores are stored, as once the weekly digest has run.
// Baseline, same run: one bare indexed read of the customer's own score row. The figure is the median
// of warm requests over several customers (each a new radar spec, so its SVG is drawn every time).
// Run: npx tsx bench/customer-page.bench.ts [--customers 20000] [--reps 200] [--weeks 14] [--runs 9] [--smoke] [--json]
import { performance } from 'node:perf_hooks';
import { ensureScored } from '../src/app/scoring/scoring.service.js';
import { createChartsService } from '../src/app/charts/charts.service.js';
import { createDashboard } from '../src/web/index.js';
import { createDashboardCharts } from '../src/web/charts.js';
import { median, note, sizeFlags } from './support/args.js';
import { seedBook } from './support/book.js';
import { benchRow, printRows } from './support/rows.js';

const flags = sizeFlags();
const customers = flags.int('customers', 20_000, 400);
const reps = flags.int('reps', 200, 20);
const weeks = flags.int('weeks', 14, 6);
const runs = flags.int('runs', 9, 3);

const t0 = performance.now();
const b = seedBook({ customers, reps, weeks, seed: 23, locale: 'zh' });
const owner = b.repos.teams.upsertMember({ teamId: b.team.id, email: 'owner@example.com', name: '陈总', role: 'owner' });
const scores = ensureScored(b.ctx, b.team.id, b.week);
note(`customer page: ${customers} customers, ${weeks} weeks; set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const dashboard = createDashboard({ ctx: b.ctx, secret: 'bench-secret-bench-secret-bench-secret', publicUrl: 'http://localhost', charts: createDashboardCharts(b.ctx) });
const signIn = await dashboard.fetch(new Request(dashboard.auth.issue(owner).url));
const cookie = signIn.headers.get('set-cookie')?.split(';')[0];
if (signIn.status !== 303 || !cookie) throw new Error(`sign-in answered ${signIn.status}`);

// Customers spread over the book (flagged ones first: the ones a manager opens).
const picks = [...scores].sort((a, b2) => b2.index - a.index).filter((_, i) => i % 97 === 0).slice(0, runs + 2).map((s) => s.customerId);
const charts = createChartsService(b.ctx, b.team.id);
const own = b.db.sqlite.prepare('SELECT dimensions FROM scores WHERE customer_id = ? AND week = ?').pluck(true);

const page: number[] = [];
const radar: number[] = [];
const baseline: number[] = [];
for (const [i, id] of picks.entries()) {
  let t = performance.now();
  const res = await dashboard.fetch(new Request(`http://localhost/dashboard/customers/${id}`, { headers: { cookie } }));
  const body = await res.text();
  const pageMs = performance.now() - t;
  if (res.status !== 200 || !body.includes('data-chart="radar"')) throw new Error(`customer page ${id} answered ${res.status} without its radar`);
  t = performance.now();
  const spec = charts.radar(id, b.week, 'zh');
  const radarMs = performance.now() - t;
  if (spec.series.length !== 2) throw new Error(`radar of ${id} has no segment median`);
  t = performance.now();
  JSON.parse(own.get(id, b.week) as string);
  const baseMs = performance.now() - t;
  if (i < 2) continue; // warm-up
  page.push(pageMs);
  radar.push(radarMs);
  baseline.push(baseMs);
}
note(`radar data alone: median ${median(radar).toFixed(1)} ms`);
printRows([benchRow('dashboard customer page', median(page), median(baseline), { maxFigure: 300 }, {
  customers, radarMs: Math.round(median(radar) * 10) / 10,
})]);
b.close();
