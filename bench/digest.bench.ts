// Benchmark `digest`: build and render the weekly digest (model from the stored scores and tasks, the
// neutral card, Slack Block Kit messages and Feishu cards) for a large team: 2,000 reps, about 500 red
// flags. Baseline, same run: reading the week's stored scores (the bare data the digest starts from).
// Target: figure < 200 ms. Run: npx tsx bench/digest.bench.ts [--reps 2000] [--customers 4000] [--json]
import { performance } from 'node:perf_hooks';
import { ensureScored } from '../src/app/scoring/scoring.service.js';
import { syncFollowUps } from '../src/app/follow-up/follow-up.service.js';
import { digestModel } from '../src/app/digest/digest.service.js';
import { reachableOn, withUnreachable } from '../src/core/digest/build-digest.js';
import { digestCard } from '../src/app/digest/digest.view.js';
import { renderMessage } from '../adapters/slack/render/index.js';
import { renderCard } from '../adapters/feishu/render/render-card.js';
import { median, note, sizeFlags } from './support/args.js';
import { seedBook } from './support/book.js';
import { benchRow, printRows } from './support/rows.js';

const flags = sizeFlags();
const reps = flags.int('reps', 2_000, 50);
const customers = flags.int('customers', 4_000, 400);
const runs = flags.int('runs', 7, 2);

const b = seedBook({ customers, reps, weeks: 16, seed: 5 });
const scores = ensureScored(b.ctx, b.team.id, b.week);
syncFollowUps(b.ctx, b.team.id, b.week, scores);
const flagged = scores.filter((s) => s.grade !== null).length;
note(`digest: ${reps} reps, ${customers} customers, ${flagged} red flags`);

const figure: number[] = [];
const baseline: number[] = [];
let size = 0;
for (let run = 0; run < runs; run++) {
  let t = performance.now();
  const card = digestCard(withUnreachable(digestModel(b.ctx, b.team.id, b.week), reachableOn()), b.team.locale);
  size = renderMessage(card).length + renderCard(card).length;
  figure.push(performance.now() - t);
  t = performance.now();
  b.repos.scores.scoresForWeek(b.team.id, b.week);
  baseline.push(performance.now() - t);
}
printRows([benchRow('digest', median(figure), median(baseline), { maxFigure: 200 }, { reps, flags: flagged, messages: size })]);
b.close();
