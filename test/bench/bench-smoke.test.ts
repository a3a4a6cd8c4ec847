// The benchmarks keep working: `npm run bench -- --smoke --json` at small sizes prints one well-formed
// row per benchmark of the table (timings are not asserted: machines are noisy; bench/ measures them).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const TABLE = ['import', 'scoring', 'scoring-pg', 'flags', 'ack', 'fan-out', 'digest', 'ask', 'dashboard'];

describe('npm run bench -- --smoke --json', () => {
  it('prints a JSON array of rows {name, figure, unit, baseline, ratio, target, ok} for every benchmark present', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke', '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    expect(r.stderr).not.toMatch(/failed \(/);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Array<Record<string, unknown>>;
    const present = TABLE.filter((name) => existsSync(join(ROOT, `bench/${name}.bench.ts`)));
    expect(present.length).toBeGreaterThanOrEqual(5);
    for (const name of present) expect(rows.some((row) => String(row.name).startsWith(name)), name).toBe(true);
    for (const row of rows) {
      expect(typeof row.name).toBe('string');
      expect(row.unit).toBe('ms');
      expect(row.figure).toBeGreaterThan(0);
      expect(row.baseline).toBeGreaterThan(0);
      expect(row.ratio).toBeCloseTo((row.figure as number) / (row.baseline as number), 1);
      expect(typeof row.target).toBe('string');
      expect(typeof row.ok).toBe('boolean');
    }
    const importRow = rows.find((row) => row.name === 'import');
    expect(importRow?.peakRssMB).toBeGreaterThan(0);
  }, 240_000);
});
