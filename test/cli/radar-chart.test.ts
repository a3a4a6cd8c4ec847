// `radar chart …` as a user runs it: PNG and SVG files written, exit 0; clear errors otherwise.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePng, inkShare } from '../chart-render/png-stats.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'radar-chart-'));
const db = join(dir, 'radar.sqlite');
const OUT = join(ROOT, 'test-output/charts');

function radar(...args: string[]) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, LOG_LEVEL: 'warn' };
  const r = spawnSync(TSX, [join(ROOT, 'src/cli/main.ts'), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 90_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const line = (week: string, customer: string, over: Record<string, unknown> = {}) => JSON.stringify({
  week, rep: 'li.wei@example.com', repName: '李伟', customer, industry: 'software', region: '华东', tier: 'key', since: '2023-04-01',
  contacts: 3, lastContact: '2026-09-30', revenue: 12000, receivable: 50000, overdueDays: 0, complaints: 0, complaintType: null,
  requirementChanges: 0, faults: 0, usage: 'high', stage: 'live', expectedClose: null, health: 'green', notes: '', ...over,
});

describe('radar chart', () => {
  mkdirSync(OUT, { recursive: true });
  const weeks = ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44'];
  writeFileSync(join(dir, 'h.jsonl'), `${weeks.flatMap((w, i) => [line(w, '华星科技', { overdueDays: 70 + i * 7 }), line(w, 'Acme Corp')]).join('\n')}\n`);

  it('writes PNGs of every chart (exit 0) and prints the text alternative', () => {
    expect(radar('import', join(dir, 'h.jsonl'), '--db', db).code).toBe(0);
    const runs: Array<[string, string[]]> = [
      // The acceptance contract; by-rep and portfolio go through the same path (see the service tests).
      ['trend', ['--customer', '华星科技']], ['radar', ['--customer', 'huaxing']], ['heatmap', ['--week', '2026-W44']],
    ];
    for (const [kind, args] of runs) {
      const file = join(OUT, `cli-${kind}.png`);
      const r = radar('chart', kind, ...args, '--out', file, '--db', db);
      expect(r.code, r.stderr).toBe(0);
      const p = decodePng(readFileSync(file));
      expect([p.width, p.height]).toEqual([800, 450]);
      expect(inkShare(p, { x: 0, y: 0, w: 800, h: 60 })).toBeGreaterThan(0.02);
    }
    const trend = radar('chart', 'trend', '--customer', '华星科技', '--lang', 'en', '--out', join(dir, 't.svg'), '--db', db);
    expect(trend.code, trend.stderr).toBe(0);
    expect(trend.stdout).toContain('华星科技 · risk index');
    expect(readFileSync(join(dir, 't.svg'), 'utf8')).toMatch(/^<svg[^>]*role="img"/);
  }, 240_000);

  it('says what is wrong with an unknown customer, a week without reports, or a bad --out', () => {
    const who = radar('chart', 'trend', '--customer', 'Nobody Ltd', '--out', join(dir, 'x.png'), '--db', db);
    expect(who.code).toBe(2);
    expect(who.stderr).toContain('--customer: no customer named "Nobody Ltd"');
    const week = radar('chart', 'heatmap', '--week', '2025-W01', '--out', join(dir, 'x.png'), '--db', db);
    expect(week.code).toBe(2);
    expect(week.stderr).toContain('no reports for 2025-W01 (weeks with reports: 2026-W40 … 2026-W44)');
    expect(radar('chart', 'heatmap', '--out', join(dir, 'x.jpg'), '--db', db).stderr).toContain('--out: expected a file ending in .png or .svg');
  }, 180_000);
});
