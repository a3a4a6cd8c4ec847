// Seed sweep: the five metrics for the scorer and the naive rule on many books of both generators.
// Usage: npx tsx test/core/customer-risk/holdout/run-eval.ts [tune|validate|all] [--gen first|holdout] [--verbose]
// Seeds 1–30 of each generator are the tuning set; seeds 101–130 the validation set (look at it last).
import { fmtEval, makeBook, pool, runBook, type BookRun, type Generator } from './eval-harness.js';

const args = process.argv.slice(2);
const set = args.find((a) => ['tune', 'validate', 'all'].includes(a)) ?? 'tune';
const genArg = args.indexOf('--gen') >= 0 ? args[args.indexOf('--gen') + 1] as Generator : null;
const verbose = args.includes('--verbose');
const seeds = set === 'tune' ? range(1, 30) : set === 'validate' ? range(101, 130) : [...range(1, 30), ...range(101, 130)];
const gens: Generator[] = genArg ? [genArg] : ['first', 'holdout'];

function range(a: number, b: number) { return Array.from({ length: b - a + 1 }, (_, i) => a + i); }

// Every fifth book is a larger one, so sizes vary beyond each generator's default range.
const sizeFor = (seed: number) => (seed % 5 === 0 ? { customers: 500, reps: 18, weeks: 40 } : undefined);

for (const gen of gens) {
  const runs: BookRun[] = [];
  for (const seed of seeds) {
    const run = runBook(gen, makeBook(gen, seed, sizeFor(seed)), seed);
    runs.push(run);
    if (verbose) {
      console.log(`${gen} ${seed} (${run.shape})  scorer ${fmtEval(run.scorer)}  naive ${fmtEval(run.naive)}`);
      for (const m of run.scorer.misses) console.log(`   miss ${m.tag} ${m.customer}`);
      for (const f of run.scorer.falsePositives) console.log(`   fp   ${f}`);
      for (const x of run.scorer.wrongPrimary) console.log(`   tag  ${x.customer} planted ${x.planted} got ${x.primary}`);
    }
  }
  for (const who of ['scorer', 'naive'] as const) {
    const p = pool(runs.map((r) => r[who]));
    console.log(`${gen.padEnd(8)} ${set.padEnd(8)} ${who.padEnd(6)} precision ${p.precision.toFixed(3)} recall ${p.recall.toFixed(3)} ` +
      `primary ${p.primary.toFixed(3)} delay ${p.delay ?? '-'} FA ${(p.falseAlarmRate * 100).toFixed(2)}%  books at bar ${p.booksAtBar}/${p.books}`);
  }
}
