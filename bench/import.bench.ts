// Benchmark `import`: 1,000,000 weekly entries (20,000 customers × 50 weeks, JSONL from `radar simulate`)
// through `radar import` into a new database, in its own process; the row carries its peak RSS. Baseline,
// same run: a bare better-sqlite3 prepared-insert loop in one transaction putting the same rows into the
// same `entries` table (members and customers inserted beforehand, rows already parsed in memory).
// Target: ratio ≤ 2.0 and peakRssMB ≤ 300. Run: npx tsx bench/import.bench.ts [--customers 20000] [--weeks 50] [--json]
// [--file BOOK.jsonl] (a file `radar simulate` wrote before: skips the simulation, which takes minutes at full size).
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { openDb } from '../src/storage/db.js';
import { createRepositories } from '../src/storage/repositories.js';
import { VALUE_COLUMNS } from '../src/storage/repos/report.sqlite-repo.js';
import { note, sizeFlags } from './support/args.js';
import { benchRow, printRows } from './support/rows.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const flags = sizeFlags();
const customers = flags.int('customers', 20_000, 300);
const weeks = flags.int('weeks', 50, 10);
const dir = mkdtempSync(join(tmpdir(), 'radar-bench-import-'));
const fileAt = process.argv.indexOf('--file');
const given = fileAt >= 0 ? process.argv[fileAt + 1] : undefined;
const file = given ?? join(dir, 'book.jsonl');

function run(args: string[], extraNode: string[] = []): { ms: number; stderr: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [...extraNode, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(-2000)}`);
  return { ms: performance.now() - t, stderr: r.stderr };
}

try {
  if (!given) run(['bin/radar.mjs', 'simulate', '--customers', String(customers), '--reps', String(Math.max(5, Math.round(customers / 100))), '--weeks', String(weeks), '--out', file]);
  // Peak RSS of the import process, reported by the process itself as it exits.
  const rssHook = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nPEAK_RSS_KB="+process.resourceUsage().maxRSS+"\\n"))';
  const imported = run(['bin/radar.mjs', 'import', file, '--db', join(dir, 'import.sqlite')], ['--import', rssHook]);
  const peakKb = Number(/PEAK_RSS_KB=(\d+)/.exec(imported.stderr)?.[1]);
  if (!Number.isFinite(peakKb)) throw new Error('the import did not report its peak RSS');

  // Baseline: the same rows, parsed up front, inserted by one prepared statement in one transaction.
  const rows: Array<Record<string, unknown>> = [];
  for await (const line of createInterface({ input: createReadStream(file, 'utf8') })) if (line.trim()) rows.push(JSON.parse(line) as Record<string, unknown>);
  const db = openDb(join(dir, 'bare.sqlite'));
  const s = db.sqlite;
  const repos = createRepositories(db);
  const teamId = repos.teams.ensureTeam({ name: 'Bare', timezone: 'Asia/Shanghai', locale: 'en' }).id;
  const repIds = new Map<string, number>();
  const customerIds = new Map<string, number>();
  repos.transaction(() => {
    for (const r of rows) {
      const rep = String(r.rep);
      if (!repIds.has(rep)) repIds.set(rep, repos.teams.upsertMember({ teamId, email: rep, name: String(r.repName), role: 'rep' }).id);
      const c = String(r.customer);
      if (!customerIds.has(c)) customerIds.set(c, repos.customers.upsertCustomer({ teamId, name: c }).id);
    }
  });
  const camel = (col: string) => col.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase());
  const insert = s.prepare(`INSERT INTO entries (team_id, week, rep_id, customer_id, ${VALUE_COLUMNS.join(', ')}, source, updated_at)
    VALUES (?, ?, ?, ?, ${VALUE_COLUMNS.map(() => '?').join(', ')}, 'import', ?)`);
  const t = performance.now();
  s.transaction(() => {
    for (const r of rows) {
      insert.run(teamId, r.week, repIds.get(String(r.rep)), customerIds.get(String(r.customer)),
        ...VALUE_COLUMNS.map((col) => (r[camel(col)] ?? null) as string | number | null), '2026-01-01T00:00:00Z');
    }
  })();
  const bareMs = performance.now() - t;
  db.close();
  note(`import: ${rows.length} entries; radar import ${(imported.ms / 1000).toFixed(1)} s, bare insert ${(bareMs / 1000).toFixed(1)} s`);
  const peakRssMB = Math.round(peakKb / 1024);
  const row = benchRow('import', imported.ms, bareMs, { maxRatio: 2.0 }, { entries: rows.length, peakRssMB });
  printRows([{ ...row, target: `${row.target} and peakRssMB ≤ 300`, ok: row.ok && peakRssMB <= 300 }]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
