// Benchmark: how long a person waits for the command line. `npm run --silent radar -- help` and
// `radar flags` on the demo book, against npm's own start (`npm run --silent env`) measured in the same
// run, interleaved so a busy machine slows all three alike. Targets (issue 12): help within 3× of the
// baseline, flags within 4×. Run: npm run bench:cli [-- --runs N] [-- --json]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';

const { values } = parseArgs({ options: { runs: { type: 'string' }, json: { type: 'boolean' } } });
const RUNS = Number(values.runs ?? 7);
const ROOT = resolve(import.meta.dirname, '..');
const db = join(mkdtempSync(join(tmpdir(), 'radar-cli-bench-')), 'demo.sqlite');

function run(args: string[]): number {
  const t = performance.now();
  const r = spawnSync('npm', ['run', '--silent', ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`npm run ${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - t;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

run(['radar', '--', 'demo', '--db', db]); // builds the book (and dist/ if stale): not timed
if (!existsSync(db)) throw new Error('demo database was not built');
const cases = {
  baseline: ['env'],
  help: ['radar', '--', 'help'],
  flags: ['radar', '--', 'flags', '--db', db],
};
const times: Record<keyof typeof cases, number[]> = { baseline: [], help: [], flags: [] };
for (let i = 0; i < RUNS + 1; i++) {
  for (const [name, args] of Object.entries(cases) as Array<[keyof typeof cases, string[]]>) {
    const ms = run(args);
    if (i > 0) times[name].push(ms); // the first round warms the disk cache
  }
}
const baseline = median(times.baseline);
const rows = [
  { name: 'cli help', figure: median(times.help), target: 3 },
  { name: 'cli flags (demo book)', figure: median(times.flags), target: 4 },
].map((r) => {
  const ratio = r.figure / baseline;
  return { name: r.name, figure: Math.round(r.figure), unit: 'ms', baseline: Math.round(baseline), ratio: Number(ratio.toFixed(2)), target: `ratio ≤ ${r.target}`, ok: ratio <= r.target };
});
if (values.json) process.stdout.write(`${JSON.stringify(rows)}\n`);
else {
  console.log(`baseline \`npm run --silent env\`: ${Math.round(baseline)} ms (median of ${RUNS})`);
  for (const r of rows) console.log(`${r.name}: ${r.figure} ms, ratio ${r.ratio}× (${r.target}) ${r.ok ? 'ok' : 'MISSED'}`);
}
