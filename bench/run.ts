// `npm run bench`: every benchmark of the results table, each in its own process, one after another (they
// measure time: never in parallel). `--json` prints all rows as one JSON array on stdout; `--smoke` runs
// them at the small sizes CI uses; `--only NAME[,NAME]` picks benchmarks by file name (import, scoring …).
// Each benchmark prints its rows with bench/support/rows.ts; its progress notes go to stderr.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow } from './support/rows.js';
import { printRows } from './support/rows.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The table's benchmarks, in the order the README lists them. */
export const TABLE = ['import', 'scoring', 'scoring-pg', 'flags', 'ack', 'fan-out', 'digest', 'ask', 'dashboard'] as const;

const argv = process.argv.slice(2);
const json = argv.includes('--json');
const smoke = argv.includes('--smoke');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : null;
const unknown = only?.filter((n) => !(TABLE as readonly string[]).includes(n)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')}; expected one of ${TABLE.join(', ')}\n`);
  process.exit(2);
}

const rows: BenchRow[] = [];
let failed = false;
for (const name of TABLE) {
  if (only && !only.includes(name)) continue;
  const file = join(HERE, `${name}.bench.ts`);
  if (!existsSync(file)) {
    process.stderr.write(`bench: ${name}: no bench/${name}.bench.ts yet\n`);
    continue;
  }
  process.stderr.write(`bench: ${name} …\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', file, '--json', ...(smoke ? ['--smoke'] : [])], {
    cwd: join(HERE, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024,
  });
  const last = r.stdout.trim().split('\n').at(-1) ?? '';
  try {
    if (r.status !== 0) throw new Error(`exited ${r.status}`);
    rows.push(...(JSON.parse(last) as BenchRow[]));
  } catch (err) {
    failed = true;
    process.stderr.write(`bench: ${name} failed (${(err as Error).message}); its last line was: ${last.slice(0, 300)}\n`);
  }
}
if (json) process.stdout.write(`${JSON.stringify(rows)}\n`);
else printRows(rows, []);
process.exitCode = failed ? 1 : 0;
