// The public command-line contract, run as a user runs it (a child process per command).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'radar-cli-'));
const db = join(dir, 'radar.sqlite');

function radar(...args: string[]) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, LOG_LEVEL: 'warn' };
  const r = spawnSync(TSX, [join(ROOT, 'src/cli/main.ts'), ...args], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const line = (week: string, customer: string, over: Record<string, unknown> = {}) => JSON.stringify({
  week, rep: 'li.wei@example.com', repName: 'Li Wei', customer, industry: 'software', region: 'East', tier: 'key', since: '2023-04-01',
  contacts: 3, lastContact: '2026-09-30', revenue: 12000, receivable: 50000, overdueDays: 0, complaints: 0, complaintType: null,
  requirementChanges: 0, faults: 0, usage: 'high', stage: 'live', expectedClose: null, health: 'green', notes: '', ...over,
});

const history = ['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44'].flatMap((w, i) => [
  line(w, '华星科技', { overdueDays: 70 + i * 7 }),
  line(w, 'Acme Corp', { receivable: 10000 }),
]);
const file = join(dir, 'history.jsonl');
writeFileSync(file, `${history.join('\n')}\n`);

describe('radar CLI', () => {
  it('imports JSON Lines, and a second import changes nothing', () => {
    const first = radar('import', file, '--db', db);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/10 new, 0 updated, 0 unchanged/);
    const second = radar('import', file, '--db', db);
    expect(second.stdout).toMatch(/0 new, 0 updated, 10 unchanged/);
  });

  it('prints only the flags JSON on stdout, highest index first', () => {
    const r = radar('flags', '--week', '2026-W44', '--json', '--db', db);
    expect(r.code, r.stderr).toBe(0);
    const flags = JSON.parse(r.stdout) as Array<{ customer: string; score: number; grade: string; tags: string[]; reasons: string[] }>;
    expect(flags.map((f) => f.customer)).toEqual(['华星科技']);
    expect(flags[0]).toMatchObject({ grade: 'A', tags: ['overdue'] });
    expect(Object.keys(flags[0]!).sort()).toEqual(['customer', 'grade', 'reasons', 'score', 'tags']);
    expect(flags[0]!.reasons[0]).toMatch(/98/);
    const scores = flags.map((f) => f.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('rejects a bad file naming file:line and field, writing nothing', () => {
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, [line('2026-W45', 'New Co'), line('2026-W45', 'Other Co', { contacts: -1 }), '{not json'].join('\n'));
    const r = radar('import', bad, '--db', db);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('bad.jsonl:2: contacts');
    expect(r.stderr).toContain('bad.jsonl:3');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const exported = radar('export', '--week', '2026-W45', '--db', db);
    expect(exported.stdout.trim().split(/\r?\n/)).toHaveLength(1); // the header only
    const ask = radar('ask', 'Other Co', '--json', '--db', db);
    expect(ask.stdout).not.toContain('"kind": "customer"');
  });

  it('imports the valid lines with --skip-invalid and lists the skipped ones', () => {
    const bad = join(dir, 'bad2.jsonl');
    writeFileSync(bad, [line('2026-W45', 'New Co'), line('2026-W45', 'Other Co', { stage: 'maybe' })].join('\n'));
    const r = radar('import', bad, '--skip-invalid', '--db', db);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('bad2.jsonl:2: stage');
    expect(r.stdout).toMatch(/1 new/);
  });

  it('answers questions in Chinese and English', () => {
    const zh = radar('ask', '逾期超过30天的客户', '--db', db);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('华星科技');
    const en = radar('ask', 'huaxing', '--db', db);
    expect(en.stdout).toContain('华星科技');
  });

  it('gives a clear error for a bad week and an unknown command', () => {
    const week = radar('flags', '--week', '2026-48', '--db', db);
    expect(week.code).toBe(2);
    expect(week.stderr).toContain('--week: expected an ISO week');
    const unknown = radar('frobnicate');
    expect(unknown.stderr).toContain('unknown command');
  });

  it('exports CSV that names the template fields and carries the scores', () => {
    const r = radar('export', '--week', '2026-W44', '--db', db);
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = r.stdout.trim().split(/\r?\n/);
    expect(header).toContain('overdueDays');
    expect(header).toContain('grade');
    expect(rows).toHaveLength(2);
  });

  it('manages the team and customer aliases that questions can use', () => {
    const add = radar('members', 'add', 'finance@example.com', '--name', 'Wang Fang', '--role', 'finance', '--db', db);
    expect(add.code, add.stderr).toBe(0);
    const bad = radar('members', 'add', 'x@example.com', '--name', 'X', '--role', 'boss', '--db', db);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--role: expected one of');
    const list = radar('members', '--json', '--db', db);
    expect((JSON.parse(list.stdout) as Array<{ email: string; role: string }>).find((m) => m.email === 'finance@example.com')?.role).toBe('finance');
    const alias = radar('customers', 'set', '华星科技', '--alias', 'HX Tech', '--db', db);
    expect(alias.code, alias.stderr).toBe(0);
    expect(radar('ask', 'HX Tech', '--db', db).stdout).toContain('华星科技');
  });

  it('backs up and checks the database', () => {
    const backup = radar('db', 'backup', join(dir, 'backup.sqlite'), '--db', db);
    expect(backup.code, backup.stderr).toBe(0);
    const check = radar('db', 'check', '--db', join(dir, 'backup.sqlite'));
    expect(check.stdout).toMatch(/^ok/);
  });
});

describe('npm start without a platform', () => {
  it('says what to set and points to the demo', () => {
    const r = spawnSync(TSX, [join(ROOT, 'src/main.ts')], { cwd: dir, env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('SLACK_BOT_TOKEN');
    expect(r.stderr).toContain('FEISHU_APP_ID');
    expect(r.stderr).toContain('npm run demo');
  });

  it('names every missing variable of a half-configured platform at once', () => {
    const r = spawnSync(TSX, [join(ROOT, 'src/main.ts')], { cwd: dir, env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: 'xoxb-secret-value' }, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('SLACK_SIGNING_SECRET');
    expect(r.stderr).toContain('SLACK_MANAGER_CHANNEL');
    expect(r.stderr).not.toContain('xoxb-secret-value');
  });

  it('refuses Feishu HTTP mode without FEISHU_ENCRYPT_KEY, naming it', () => {
    const env = { PATH: process.env.PATH ?? '', FEISHU_APP_ID: 'cli_0123456789abcdef', FEISHU_APP_SECRET: 'feishu-secret-value', FEISHU_MANAGER_CHAT_ID: 'oc_1', FEISHU_MODE: 'http', FEISHU_VERIFICATION_TOKEN: 'tok' };
    const r = spawnSync(TSX, [join(ROOT, 'src/main.ts')], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('FEISHU_ENCRYPT_KEY');
    expect(r.stderr).not.toContain('feishu-secret-value');
  });
});
