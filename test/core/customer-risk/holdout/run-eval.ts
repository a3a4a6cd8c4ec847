// Seed sweep: the five metrics for the scorer and the naive rule on many books of all three generators.
// Usage: npx tsx test/core/customer-risk/holdout/run-eval.ts [tune|validate|final|final2] [--gen first|holdout|literal] [--verbose]
// Protocol: seeds 1–30 are the tuning set; 101–130 the earlier validation set (already looked at, so now only a
// second tuning set); 301–330 the final validation set of an earlier round (looked at, so no longer final);
// 401–430 (`final2`) the final validation set of the next round, run once at its end.
import { fmtEval, makeBook, pool, runBook, type BookRun, type Generator } from './eval-harness.js';

const args = process.argv.slice(2);
const set = args.find((a) => ['tune', 'validate', 'final', 'final2'].includes(a)) ?? 'tune';
const genArg = args.indexOf('--gen') >= 0 ? args[args.indexOf('--gen') + 1] as Generator : null;
const verbose = args.includes('--verbose');
const seeds = set === 'tune' ? range(1, 30) : set === 'validate' ? range(101, 130) : set === 'final' ? range(301, 330) : range(401, 430);
const gens: Generator[] = genArg ? [genArg] : ['first', 'holdout', 'literal'];

function range(a: number, b: number) { return Array.from({ length: b - a + 1 }, (_, i) => a + i); }

// Every fifth book of the first two generators is a larger one; the literal generator draws 100–2,000 itself.
const sizeFor = (gen: Generator, seed: number) => (gen !== 'literal' && seed % 5 === 0 ? { customers: 500, reps: 18, weeks: 40 } : undefined);
const add = (into: Record<string, number>, from: Record<string, number>) => { for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v; };
const fmtTags = (r: Record<string, number>) => Object.entries(r).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') || '-';

for (const gen of gens) {
  const runs: BookRun[] = [];
  const misses: Record<string, number> = {}, lastFp: Record<string, number> = {}, fa: Record<string, number> = {};
  for (const seed of seeds) {
    const run = runBook(gen, makeBook(gen, seed, sizeFor(gen, seed)), seed);
    runs.push(run);
    for (const m of run.scorer.misses) misses[m.tag] = (misses[m.tag] ?? 0) + 1;
    add(lastFp, run.lastFpByTag);
    add(fa, run.faByTag);
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
  console.log(`   misses by tag: ${fmtTags(misses)}\n   last-week false positives by primary tag: ${fmtTags(lastFp)}\n   false-alarm customer-weeks by primary tag: ${fmtTags(fa)}`);
}
