// Benchmark `scoring`: the whole weekly scoring path on SQLite — load the history window, score every
// customer, store the scores — for a book with a year of weekly entries (last week already scored through
// ensureScored, as every Monday: its window's weeks are kept packed by column in score_inputs, so this
// week's scoring reads the 25 earlier weeks as packs and this week's entries as rows). Baseline, measured
// in the same run: one bare SQL scan of exactly the rows the scorer needs (the window's 26 weeks of entries
// with the columns it reads). Target: ratio ≤ 3.0 and figure < 1000 ms. The row also carries `unpackedMs`:
// one scoring with no packs at all (the first after an upgrade, or after an import that rewrote the window).
// `--custom-tags`: the team has a custom field (template.custom) and a custom problem tag on it, and every
// tenth entry holds a custom value, so the scorer reads entries.custom too (row name `scoring-custom-tags`).
// Run: npx tsx bench/scoring.bench.ts [--customers 20000] [--weeks 52] [--custom-tags] [--json]
import { performance } from 'node:perf_hooks';
import { historyWindowStart, scoreWeek } from '../src/core/customer-risk/score-week.js';
import { DEFAULT_SCORING } from '../src/core/customer-risk/weights.js';
import { addWeeks } from '../src/core/weekly-report/week.js';
import { ensureScored, scoringFingerprint } from '../src/app/scoring/scoring.service.js';
import { median, note, sizeFlags } from './support/args.js';
import { seedBook } from './support/book.js';
import { SCORING_SELECT, SCORING_SELECT_CUSTOM } from '../src/storage/repos/report.sqlite-repo.js';
import { benchRow, printRows } from './support/rows.js';
import { parseRadarSettings } from '../src/config/radar-config.js';

const flags = sizeFlags();
const customers = flags.int('customers', 20_000, 500);
const weeks = flags.int('weeks', 52, 20);
const runs = flags.int('runs', 5, 2);
const customTags = process.argv.includes('--custom-tags');

const t0 = performance.now();
const b = seedBook({ customers, reps: Math.max(5, Math.round(customers / 100)), weeks });
const { repos, team, week, db } = b;
const profiles = repos.customers.listCustomers(team.id).map((c) => ({ id: c.id, name: c.name, tier: c.tier, industry: c.industry, region: c.region, since: c.since }));
if (customTags) {
  b.ctx.settings = parseRadarSettings({
    template: { custom: [{ id: 'contractEnd', kind: 'date', label: { zh: '合同结束', en: 'Contract end' } }] },
    scoring: { customTags: { contract_due: { label: { zh: '合同到期', en: 'Contract due' }, severity: 'B', route: 'manager', when: { all: [{ field: 'contractEnd', op: 'within_days', value: 30 }] } } } },
  });
  db.sqlite.prepare("UPDATE entries SET custom = json_object('contractEnd', date('2026-01-01', '+' || (id % 400) || ' days')) WHERE id % 10 = 0").run();
}
const lastWeek = addWeeks(week, -1);
const beforeLast = addWeeks(week, -2);
const earlierRows = repos.reports.scoringRowsInRange(team.id, historyWindowStart(beforeLast), beforeLast);
// The week before last stored directly under the settings' fingerprint, then last week through
// ensureScored (scoring only that week, packing its window as it goes): the run scores only this week.
repos.scores.saveWeekScores(team.id, beforeLast, scoreWeek({ customers: profiles, entries: earlierRows, week: beforeLast, config: b.ctx.settings.scoring }), scoringFingerprint(b.ctx.settings));
ensureScored(b.ctx, team.id, lastWeek);
note(`scoring: ${b.book.customers.length} customers, ${b.book.records.length} entries over ${weeks} weeks, set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const from = historyWindowStart(week, DEFAULT_SCORING);
// Exactly the rows and columns the scorer reads (the repository's own SELECT), scanned and dropped.
const bare = db.sqlite.prepare(`${customTags ? SCORING_SELECT_CUSTOM : SCORING_SELECT} WHERE team_id = ? AND week BETWEEN ? AND ? ORDER BY week`).raw(true);

const figure: number[] = [];
const baseline: number[] = [];
let flagged = 0;
let tagged = 0;
for (let run = 0; run < runs; run++) {
  repos.scores.invalidateFrom(team.id, week);
  let t = performance.now();
  const scores = ensureScored(b.ctx, team.id, week);
  flagged = scores.filter((s) => s.grade !== null).length;
  tagged = scores.filter((s) => s.tags.includes('contract_due')).length;
  figure.push(performance.now() - t);
  t = performance.now();
  let n = 0;
  for (const _row of bare.iterate(team.id, from, week)) n++;
  baseline.push(performance.now() - t);
  if (n === 0) throw new Error('the baseline scan read no rows');
}
// Once more with no packs: every week of the window read as rows, then packed.
repos.scores.invalidateFrom(team.id, week);
db.sqlite.prepare('DELETE FROM score_inputs').run();
const t1 = performance.now();
ensureScored(b.ctx, team.id, week);
const unpackedMs = Math.round(performance.now() - t1);
note(`scoring: ${flagged} flagged${customTags ? `, ${tagged} with the custom tag contract_due` : ''}; runs ${figure.map(Math.round).join(', ')} ms vs ${baseline.map(Math.round).join(', ')} ms`);
printRows([benchRow(customTags ? 'scoring-custom-tags' : 'scoring', median(figure), median(baseline), { maxRatio: 3.0, maxFigure: 1000 }, { customers, weeks, unpackedMs })]);
b.close();
