// How long a write from another connection (the bot saving a form) waits while a big import runs.
// Prints the longest wait during an import of N records (default 150,000), the import's duration, and
// a bare baseline (the same writer with no import running); the ratio that matters is longest wait /
// import duration (1.0 = the import held the write lock all along, as one big transaction would).
//   npx tsx bench/import-lock.bench.ts [records]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { importRecords } from '../src/app/import/import-records.service.js';
import { openDb } from '../src/storage/db.js';
import { createRepositories } from '../src/storage/repositories.js';

const N = Number(process.argv[2] ?? 150_000);
const ROOT = resolve(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'radar-import-bench-'));

const WRITER = `
const Database = require('better-sqlite3');
const db = new Database(process.argv[1]);
db.pragma('busy_timeout = 30000');
const put = db.prepare("INSERT INTO settings (team_id, key, value) VALUES (1, ?, '1') ON CONFLICT DO UPDATE SET value = excluded.value");
let i = 0, stop = false;
process.stdin.on('data', () => { stop = true; });
process.stdout.write('ready\\n');
const tick = () => {
  if (stop) { db.close(); process.exit(0); }
  const at = Date.now();
  try { put.run('w' + (i++ % 50)); process.stdout.write(JSON.stringify({ at, ms: Date.now() - at, ok: true }) + '\\n'); }
  catch (e) { process.stdout.write(JSON.stringify({ at, ms: Date.now() - at, ok: false }) + '\\n'); }
  setTimeout(tick, 20);
};
tick();
`;

async function withWriter(path: string, during: () => Promise<void> | void): Promise<Array<{ at: number; ms: number; ok: boolean }>> {
  const child = spawn(process.execPath, ['-e', WRITER, path], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const writes: Array<{ at: number; ms: number; ok: boolean }> = [];
  const lines = createInterface({ input: child.stdout! });
  const ready = new Promise<void>((res) => lines.once('line', () => res()));
  lines.on('line', (l) => { if (l.startsWith('{')) writes.push(JSON.parse(l)); });
  const exited = new Promise((res) => child.on('exit', res));
  await ready;
  await new Promise((r) => setTimeout(r, 300));
  await during();
  await new Promise((r) => setTimeout(r, 500));
  child.stdin!.write('stop\n');
  await exited;
  return writes;
}

const path = join(dir, 'radar.sqlite');
const db = openDb(path);
const repos = createRepositories(db);
const team = repos.teams.ensureTeam({ name: 'Sales', timezone: 'Asia/Shanghai', locale: 'zh' });
const weeks = 26;
const customers = Math.ceil(N / weeks);
const rows = ['week,rep,customer,contacts,revenue,receivable,overdueDays,stage,notes'];
for (let c = 0; c < customers; c++) {
  for (let w = 1; w <= weeks && rows.length <= N; w++) rows.push(`2026-W${String(w).padStart(2, '0')},rep${c % 60}@x.co,客户 ${c},${c % 4},${c * 10},${c * 30},${c % 50},live,第 ${c} 号客户`);
}
const file = join(dir, 'big.csv');
writeFileSync(file, `${rows.join('\n')}\n`);

const baseline = await withWriter(path, () => new Promise((r) => setTimeout(r, 2000)));
let start = 0;
let end = 0;
const writes = await withWriter(path, () => {
  start = Date.now();
  importRecords(repos, file, { teamId: team.id });
  end = Date.now();
});
const longest = Math.max(...writes.map((w) => w.ms));
const base = Math.max(...baseline.map((w) => w.ms));
const failed = writes.filter((w) => !w.ok).length;
console.log(`import of ${rows.length - 1} records: ${end - start} ms`);
console.log(`writes during the import: ${writes.filter((w) => w.at >= start && w.at <= end).length}, failed: ${failed}`);
console.log(`longest write wait: ${longest} ms (baseline with no import: ${base} ms)`);
console.log(`ratio longest wait / import duration: ${(longest / (end - start)).toFixed(3)}`);
db.close();
rmSync(dir, { recursive: true, force: true });
