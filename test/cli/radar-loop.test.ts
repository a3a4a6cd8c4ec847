// The public contract of `radar ranking`, `radar review` and `radar settings`, run as a user runs them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBook } from '../app/loop/seeded-book.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'radar-loop-'));
const db = join(dir, 'radar.sqlite');

function radar(...args: string[]) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, LOG_LEVEL: 'warn' };
  const r = spawnSync(TSX, [join(ROOT, 'src/cli/main.ts'), ...args, '--db', db], { cwd: dir, env, encoding: 'utf8', timeout: 90_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // The team the CLI opens by default is "Sales" in Shanghai, like the book's.
  buildBook(db).db.close();
});

describe('radar ranking', () => {
  it('prints one JSON object per rep for the 8 weeks ending at --week, and for --month', () => {
    const week = radar('ranking', '--week', '2026-W48', '--json');
    expect(week.code, week.stderr).toBe(0);
    const rows = JSON.parse(week.stdout) as Array<{ rep: string; submitted: number; onTime: number; streak: number }>;
    expect(rows.map((r) => [r.rep, r.submitted, r.onTime, r.streak])).toEqual([
      ['ann@example.com', 8, 8, 13], ['cat@example.com', 5, 5, 5], ['bob@example.com', 7, 6, 1],
    ]);
    const month = radar('ranking', '--month', '2026-11', '--json');
    expect(month.code, month.stderr).toBe(0);
    expect((JSON.parse(month.stdout) as Array<{ rep: string; submitted: number }>).find((r) => r.rep === 'bob@example.com')?.submitted).toBe(3);
    const bad = radar('ranking', '--month', '2026-13');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--month: expected a month');
  }, 240_000);
});

describe('radar review', () => {
  it('prints the month as JSON and writes it as a workbook', () => {
    const out = join(dir, 'review.xlsx');
    const r = radar('review', '--month', '2026-11', '--json', '--format', 'xlsx', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const review = JSON.parse(r.stdout) as { month: string; flags: { raised: number; byTag: Record<string, number> }; tasks: { opened: number; resolved: number }; outcomes: Array<{ customer: string; result: string }> };
    expect(review.month).toBe('2026-11');
    expect(typeof review.flags.raised).toBe('number');
    expect(review.flags.byTag).toBeTypeOf('object');
    expect(review.tasks.resolved).toBeGreaterThan(0);
    expect(review.outcomes.find((o) => o.customer === 'Payless Ltd')?.result).toBe('recovered');
    expect(existsSync(out)).toBe(true);
  }, 120_000);
});

describe('radar settings', () => {
  it('set changes what flags grades A, undo restores it, history lists both', () => {
    const grades = () => {
      const r = radar('flags', '--week', '2026-W46', '--json');
      expect(r.code, r.stderr).toBe(0);
      return Object.fromEntries((JSON.parse(r.stdout) as Array<{ customer: string; grade: string }>).map((f) => [f.customer, f.grade]));
    };
    expect(grades()['Payless Ltd']).toBe('B'); // index 90, below the default A threshold (94)
    const set = radar('settings', 'set', 'scoring.grades.A', '85', '--by', 'boss@example.com');
    expect(set.code, set.stderr).toBe(0);
    expect(grades()['Payless Ltd']).toBe('A');
    const bad = radar('settings', 'set', 'scoring.grades.A', '20');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('scoring.grades.A');
    expect(radar('settings', 'undo').code).toBe(0);
    expect(grades()['Payless Ltd']).toBe('B');
    const history = radar('settings', 'history', '--json');
    const log = JSON.parse(history.stdout) as Array<{ key: string; oldValue: unknown; newValue: unknown; actor: string; at: string }>;
    expect(log.map((c) => [c.key, c.oldValue, c.newValue])).toEqual([['scoring.grades.A', null, 85], ['scoring.grades.A', 85, null]]);
    expect(log[0]!.actor).toBe('boss@example.com');
  }, 300_000);
});

describe('a custom problem tag set from the CLI', () => {
  it('flags the customers its rule matches, with its label and reason, refuses a built-in id, and goes away on undo', () => {
    const tag = {
      label: { zh: '小额客户', en: 'Small account' }, severity: 'A', route: 'manager',
      when: { all: [{ field: 'revenue', op: 'lt', value: 600 }, { field: 'stage', op: 'eq', value: 'live' }] },
    };
    const before = JSON.parse(radar('flags', '--week', '2026-W48', '--json').stdout) as Array<{ customer: string }>;
    expect(before.map((f) => f.customer)).not.toContain('Calm Ltd');
    const set = radar('settings', 'set', 'scoring.customTags.small_account', JSON.stringify(tag));
    expect(set.code, set.stderr).toBe(0);
    const flags = JSON.parse(radar('flags', '--week', '2026-W48', '--json').stdout) as Array<{ customer: string; grade: string; tags: string[]; reasons: string[] }>;
    // Calm Ltd books 500 a week (the book's only live customer under 600).
    expect(flags.filter((f) => f.tags.includes('small_account')).map((f) => [f.customer, f.grade])).toEqual([['Calm Ltd', 'A']]);
    expect(flags.find((f) => f.customer === 'Calm Ltd')!.reasons.join(' ')).toContain('500');
    const digest = radar('digest', '--week', '2026-W48');
    expect(digest.code, digest.stderr).toBe(0);
    expect(digest.stdout).toContain('小额客户');
    const bad = radar('settings', 'set', 'scoring.customTags.overdue', JSON.stringify(tag));
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('scoring.customTags');
    expect(radar('settings', 'undo').code).toBe(0);
    const after = JSON.parse(radar('flags', '--week', '2026-W48', '--json').stdout) as Array<{ customer: string; tags: string[] }>;
    expect(after.some((f) => f.tags.includes('small_account'))).toBe(false);
  }, 240_000);
});
