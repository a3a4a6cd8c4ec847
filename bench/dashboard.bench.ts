// Benchmark `dashboard`: server time of the dashboard's main page (GET /dashboard/: this week's red
// flags, heat map, portfolio, by-rep chart, missing reports, follow-up board) for a signed-in owner of a
// 20,000-customer book, measured in-process through the Hono app (session cookie, routing, the week's
// flags read once, the page model, the charts, HTML, headers). Scores and follow-ups are stored, as they
// are once the weekly digest has run. Baseline, same run: one bare SQL scan of the week's stored scores
// (customer, index, grade of every customer). Target: figure < 300 ms.
// The figure is the median of warm requests; `first` is the first request after start (charts drawn,
// code not yet optimised by the JIT), reported beside it as firstMs; redrawMs is a request whose charts
// must be drawn again (new data) with the code warm.
// Run: npx tsx bench/dashboard.bench.ts [--customers 20000] [--reps 200] [--weeks 14] [--runs 7] [--smoke] [--json]
import { performance } from 'node:perf_hooks';
import { ensureScored } from '../src/app/scoring/scoring.service.js';
import { syncFollowUps } from '../src/app/follow-up/follow-up.service.js';
import { createDashboard } from '../src/web/index.js';
import { createDashboardCharts } from '../src/web/charts.js';
import { median, note, sizeFlags } from './support/args.js';
import { seedBook } from './support/book.js';
import { benchRow, printRows } from './support/rows.js';

const flags = sizeFlags();
const customers = flags.int('customers', 20_000, 400);
const reps = flags.int('reps', 200, 20);
const weeks = flags.int('weeks', 14, 6);
const runs = flags.int('runs', 7, 2);

const t0 = performance.now();
const b = seedBook({ customers, reps, weeks, seed: 23, locale: 'zh' });
const owner = b.repos.teams.upsertMember({ teamId: b.team.id, email: 'owner@example.com', name: '陈总', role: 'owner' });
const scores = ensureScored(b.ctx, b.team.id, b.week);
syncFollowUps(b.ctx, b.team.id, b.week, scores);
const flagged = scores.filter((s) => s.grade !== null).length;
note(`dashboard: ${customers} customers, ${reps} reps, ${weeks} weeks, ${flagged} red flags; set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const dashboard = createDashboard({ ctx: b.ctx, secret: 'bench-secret-bench-secret-bench-secret', publicUrl: 'http://localhost', charts: createDashboardCharts(b.ctx) });
const signIn = await dashboard.fetch(new Request(dashboard.auth.issue(owner).url));
const cookie = signIn.headers.get('set-cookie')?.split(';')[0];
if (signIn.status !== 303 || !cookie) throw new Error(`sign-in answered ${signIn.status}`);

async function get(path: string): Promise<{ ms: number; bytes: number; status: number; body: string }> {
  const t = performance.now();
  const res = await dashboard.fetch(new Request(`http://localhost${path}`, { headers: { cookie: cookie! } }));
  const body = await res.text();
  return { ms: performance.now() - t, bytes: Buffer.byteLength(body), status: res.status, body };
}

const scan = b.db.sqlite.prepare('SELECT customer_id, risk_index, grade FROM scores WHERE team_id = ? AND week = ?').raw(true);
const first = await get('/dashboard/');
if (first.status !== 200) throw new Error(`main page answered ${first.status}`);
// The page must show what it is measured for: every red flag and the three team charts.
const rowsShown = (first.body.match(/<tr class="grade-[AB]" data-customer-id=/g) ?? []).length;
const chartsShown = (first.body.match(/data-chart="/g) ?? []).length;
note(`first request: ${first.ms.toFixed(0)} ms, ${(first.bytes / 1024).toFixed(0)} KB, ${rowsShown} flag rows, ${chartsShown} charts`);
if (rowsShown !== flagged) throw new Error(`main page shows ${rowsShown} red flags, the scorer found ${flagged}`);
if (chartsShown < 3) throw new Error(`main page shows ${chartsShown} charts, expected the heat map, portfolio and by-rep chart`);

// The same page in the other language: its charts are new specs, drawn again with the code warm (what a
// request pays when the week's data changed).
const redraw = await get('/dashboard/?lang=en');
if (redraw.status !== 200) throw new Error(`main page (en) answered ${redraw.status}`);
note(`charts drawn again (other language): ${redraw.ms.toFixed(0)} ms`);

const figure: number[] = [];
const baseline: number[] = [];
for (let run = 0; run < runs; run++) {
  const r = await get('/dashboard/');
  if (r.status !== 200) throw new Error(`main page answered ${r.status}`);
  figure.push(r.ms);
  const t = performance.now();
  let n = 0;
  for (const row of scan.iterate(b.team.id, b.week) as Iterable<unknown[]>) if (row[2] !== null) n += 1;
  baseline.push(performance.now() - t);
  if (n !== flagged) throw new Error(`the scan found ${n} red flags, the scorer ${flagged}`);
}
printRows([benchRow('dashboard main page', median(figure), median(baseline), { maxFigure: 300 }, {
  customers, flags: flagged, firstMs: Math.round(first.ms), redrawMs: Math.round(redraw.ms), htmlKB: Math.round(first.bytes / 1024),
})]);
b.close();
