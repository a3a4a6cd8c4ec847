// Benchmark `flags`: `radar flags --week W --json` end to end (a new process: start, open the database,
// score the week when it is not scored yet, print the JSON) on a book of 20,000 customers with a year of
// history. The row is the cold run (the week not yet scored, as right after an import); the warm run
// (scores stored) is reported beside it. Baseline, same run: a bare Node process that opens the same
// database with better-sqlite3 and prints the week's stored scores as JSON.
// Target: figure < 1500 ms. Run: npx tsx bench/flags.bench.ts [--customers 20000] [--weeks 52] [--json]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { median, note, sizeFlags } from './support/args.js';
import { seedBook } from './support/book.js';
import { benchRow, printRows } from './support/rows.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const flags = sizeFlags();
const customers = flags.int('customers', 20_000, 500);
const weeks = flags.int('weeks', 52, 16);
const runs = flags.int('runs', 3, 1);

const t0 = performance.now();
const b = seedBook({ customers, reps: Math.max(5, Math.round(customers / 100)), weeks });
const { dbPath, week } = b;
b.db.close();
note(`flags: ${customers} customers × ${weeks} weeks set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

function timed(cmd: string, args: string[]): { ms: number; stdout: string } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout };
}
const radar = ['bin/radar.mjs', 'flags', '--week', week, '--json', '--db', dbPath];
const bareScript = `const D=require('better-sqlite3');const db=new D(process.argv[1],{readonly:true});` +
  `process.stdout.write(JSON.stringify(db.prepare('SELECT * FROM scores WHERE week = ?').all(process.argv[2])))`;
// As an import of the week leaves it (ScoreRepo.invalidateFrom): its scores and its packed scorer inputs gone.
const unscore = `const D=require('better-sqlite3');const db=new D(process.argv[1]);db.prepare('DELETE FROM scores WHERE week = ?').run(process.argv[2]);db.prepare('DELETE FROM score_inputs WHERE week >= ?').run(process.argv[2])`;

timed(process.execPath, radar); // compiles dist/ if stale, scores once
const cold: number[] = [];
const warm: number[] = [];
const bare: number[] = [];
let count = 0;
for (let run = 0; run < runs; run++) {
  timed(process.execPath, ['-e', unscore, dbPath, week]);
  const c = timed(process.execPath, radar);
  cold.push(c.ms);
  count = (JSON.parse(c.stdout) as unknown[]).length;
  warm.push(timed(process.execPath, radar).ms);
  bare.push(timed(process.execPath, ['-e', bareScript, dbPath, week]).ms);
}
note(`flags: ${count} flags printed`);
printRows([benchRow('flags', median(cold), median(bare), { maxFigure: 1500 }, { customers, warmMs: Math.round(median(warm)), flags: count })]);
b.close();
