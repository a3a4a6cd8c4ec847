// The command line as people use it in a terminal: their language, a pipe into `head`, a bad config file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'src/cli/main.ts');
const dir = mkdtempSync(join(tmpdir(), 'radar-cli-lang-'));
const db = join(dir, 'radar.sqlite');
const baseEnv = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, LOG_LEVEL: 'warn' };

function radar(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(TSX, [MAIN, ...args], { cwd: dir, env: { ...baseEnv, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const entry = (week: string, customer: string, over: Record<string, unknown> = {}) => JSON.stringify({
  week, rep: 'li.wei@example.com', repName: 'Li Wei', customer, tier: 'normal', contacts: 2, lastContact: '2026-09-30',
  revenue: 1000, receivable: 0, overdueDays: 0, complaints: 0, requirementChanges: 0, faults: 0, usage: 'normal',
  stage: 'live', health: 'green', ...over,
});

beforeAll(() => {
  const weeks = ['2026-W40', '2026-W41', '2026-W42', '2026-W43'];
  const lines = weeks.flatMap((w, i) => [entry(w, '华星科技', { receivable: 50000, overdueDays: 70 + 7 * i })]);
  // Enough customers that `customers` prints far more than a pipe buffer holds.
  for (let c = 0; c < 2500; c++) lines.push(entry('2026-W43', `Customer number ${String(c).padStart(5, '0')} Ltd`));
  const file = join(dir, 'history.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const r = radar(['import', file, '--db', db]);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe('radar in the chosen language', () => {
  it('prints flags with Chinese headers and problem names, codes only in --json', () => {
    const zh = radar(['flags', '--week', '2026-W43', '--lang', 'zh', '--db', db]);
    expect(zh.code, zh.stderr).toBe(0);
    const [title, header, , row] = zh.stdout.split('\n');
    expect(title).toBe('2026-W43：1 个问题客户');
    expect(header!.split(/\s{2,}/).map((s) => s.trim())).toEqual(['客户', '指数', '等级', '问题类型', '原因']);
    expect(row).toContain('华星科技');
    expect(row).toContain('拖款');
    expect(row).not.toContain('overdue');
    const en = radar(['flags', '--week', '2026-W43', '--lang', 'en', '--db', db]);
    expect(en.stdout.split('\n')[1]!.split(/\s{2,}/).map((s) => s.trim())).toEqual(['customer', 'index', 'grade', 'problems', 'why']);
    expect(en.stdout).toContain('Overdue payment');
    const json = JSON.parse(radar(['flags', '--week', '2026-W43', '--lang', 'zh', '--json', '--db', db]).stdout) as Array<{ tags: string[] }>;
    expect(json[0]!.tags).toEqual(['overdue']);
  }, 180_000);

  it('translates tasks, members and customers tables', () => {
    // The digest step opens the week's follow-ups.
    expect(radar(['digest', '--week', '2026-W43', '--db', db]).code).toBe(0);
    const tasks = radar(['tasks', '--lang', 'zh', '--db', db]);
    expect(tasks.code, tasks.stderr).toBe(0);
    expect(tasks.stdout.split('\n')[0]).toMatch(/^\s*编号\s+客户\s+问题类型\s+等级\s+主责\s+角色\s+负责人\s+状态/);
    expect(tasks.stdout).toMatch(/拖款\s+A\s+销售总监\s+财务/);
    expect(tasks.stdout).toContain('待处理');
    // --history: each task's events under the table, in words; --json carries them too.
    const history = radar(['tasks', '--history', '--lang', 'zh', '--db', db]);
    expect(history.code, history.stderr).toBe(0);
    expect(history.stdout).toMatch(/\n#\d+ 华星科技 · 拖款\n {2}\d\d-\d\d \d\d:\d\d · 创建\n/);
    const json = JSON.parse(radar(['tasks', '--history', '--json', '--db', db]).stdout) as Array<{ events: Array<{ kind: string; actor: string | null }> }>;
    expect(json[0]?.events.map((e) => [e.kind, e.actor])).toEqual([['created', null]]);
    const members = radar(['members', '--lang', 'zh', '--db', db]);
    expect(members.stdout.split('\n')[0]).toMatch(/^姓名\s+邮箱\s+角色/);
    expect(members.stdout).toMatch(/Li Wei\s+li\.wei@example\.com\s+销售/);
    const customers = radar(['customers', '--lang', 'en', '--db', db]);
    expect(customers.stdout.split('\n')[0]).toMatch(/^customer\s+owner\s+tier/);
    expect(customers.stdout).toMatch(/华星科技\s+Li Wei\s+normal/);
  }, 180_000);

  it('refuses an unknown --lang, naming what it accepts', () => {
    for (const command of ['flags', 'digest', 'ask', 'tasks']) {
      const args = command === 'ask' ? ['ask', '华星', '--lang', 'fr', '--db', db] : [command, '--lang', 'fr', '--db', db];
      const r = radar(args);
      expect(r.code, command).toBe(2);
      expect(r.stderr, command).toContain('--lang: unknown language "fr" (expected zh or en)');
      expect(r.stdout, command).toBe('');
    }
  }, 180_000);
});

describe('radar in a pipeline', () => {
  it('stops quietly when the reader closes the pipe (radar … | head -1)', () => {
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${TSX}" "${MAIN}" customers --db "${db}" | head -1`], {
      cwd: dir, env: baseEnv, encoding: 'utf8', timeout: 60_000,
    });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
    expect(r.status).toBe(0);
  }, 120_000);
});

describe('radar with a broken configuration', () => {
  it('names the config problem instead of "unexpected error"', () => {
    const bad = join(dir, 'radar.config.json');
    writeFileSync(bad, JSON.stringify({ scoring: { grades: { A: 'high' } } }));
    const r = radar(['flags', '--db', db], { RADAR_CONFIG: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('unexpected error');
    expect(r.stderr).toMatch(/radar: Configuration is incomplete:\n\s+- .*radar\.config\.json.*scoring/);
    const unreadable = radar(['flags', '--db', db], { RADAR_CONFIG: join(dir, 'missing.json') });
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/RADAR_CONFIG .*missing\.json.*cannot read/);
  }, 120_000);
});
