// Many teams from the command line: `radar teams`, `--team` on every command, `digest --org`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'radar-teams-'));
const db = join(dir, 'radar.sqlite');

function radar(...args: string[]) {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, LOG_LEVEL: 'warn', RADAR_TEAM_NAME: 'Sales' };
  const r = spawnSync(TSX, [join(ROOT, 'src/cli/main.ts'), ...args, '--db', db], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const line = (week: string, rep: string, customer: string, overdueDays: number) => JSON.stringify({
  week, rep, repName: rep.split('@')[0], customer, contacts: 2, revenue: 1000, receivable: 60000, overdueDays, complaints: 0,
  requirementChanges: 0, faults: 0, usage: 'high', stage: 'live', health: 'green',
});
const weeks = ['2026-W41', '2026-W42', '2026-W43', '2026-W44'];
const write = (name: string, lines: string[]) => {
  const file = join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};
const salesFile = write('sales.jsonl', weeks.map((w, i) => line(w, 'li@example.com', '华星科技', 80 + i * 7)));
const eastFile = write('east.jsonl', weeks.map((w, i) => line(w, 'wang@example.com', '东方重工', 90 + i * 7)));

describe('radar with several teams', () => {
  it('one team needs no --team; a second team makes --team required, with the names listed', () => {
    expect(radar('import', salesFile).code).toBe(0);
    const added = radar('teams', 'add', 'East', '--timezone', 'Asia/Shanghai', '--locale', 'en', '--channel', 'slack=CEAST');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/team East added/);
    const ambiguous = radar('flags');
    expect(ambiguous.code).not.toBe(0);
    expect(ambiguous.stderr).toMatch(/--team: this database has 2 teams \(Sales, East\); say which with --team NAME/);
    const unknown = radar('flags', '--team', 'West');
    expect(unknown.stderr).toMatch(/--team: no team named "West" \(teams: Sales, East; add one with `radar teams add NAME`\)/);
  });

  it('imports into the team named, and each team sees only its own customers', () => {
    expect(radar('import', eastFile, '--team', 'east').code).toBe(0);
    const east = JSON.parse(radar('flags', '--team', 'East', '--week', '2026-W44', '--json').stdout) as Array<{ customer: string }>;
    expect(east.map((f) => f.customer)).toEqual(['东方重工']);
    const sales = JSON.parse(radar('flags', '--team', 'Sales', '--week', '2026-W44', '--json').stdout) as Array<{ customer: string }>;
    expect(sales.map((f) => f.customer)).toEqual(['华星科技']);
  });

  it('lists teams with their channels; a channel already taken is refused and nothing changes', () => {
    const refused = radar('teams', 'set', 'Sales', '--channel', 'slack=CEAST', '--timezone', 'Europe/Berlin');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/slack channel CEAST is already the manager channel of East/);
    const rows = JSON.parse(radar('teams', '--json').stdout) as Array<{ name: string; timezone: string; reps: number; channels: Record<string, string>; configured: boolean }>;
    expect(rows.map((r) => [r.name, r.timezone, r.reps, r.channels, r.configured])).toEqual([
      ['Sales', 'Asia/Shanghai', 1, {}, true],
      ['East', 'Asia/Shanghai', 1, { slack: 'CEAST' }, false],
    ]);
    expect(radar('teams', 'set', 'East', '--timezone', 'Europe/Berlin', '--channel', 'feishu=oc_east').code).toBe(0);
    const after = JSON.parse(radar('teams', '--json').stdout) as Array<{ name: string; timezone: string; channels: Record<string, string> }>;
    expect(after[1]).toMatchObject({ timezone: 'Europe/Berlin', channels: { slack: 'CEAST', feishu: 'oc_east' } });
    const rename = radar('teams', 'set', 'Sales', '--name', 'HQ');
    expect(rename.stderr).toMatch(/come from RADAR_TEAM_NAME/);
    expect(radar('teams', 'set', 'East', '--timezone', 'Mars/Olympus').stderr).toMatch(/--timezone: expected an IANA timezone/);
  });

  it('a director oversees named teams; an unknown team is refused', () => {
    const ok = radar('members', 'add', 'chen@example.com', '--name', 'Director Chen', '--role', 'director', '--oversees', 'East', '--team', 'Sales');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Director Chen <chen@example.com>: director, oversees East/);
    expect(radar('members', 'add', 'x@example.com', '--name', 'X', '--role', 'director', '--oversees', 'Nowhere', '--team', 'Sales').stderr)
      .toMatch(/--oversees: no team named "Nowhere"/);
    expect(radar('members', 'add', 'y@example.com', '--name', 'Y', '--role', 'manager', '--oversees', 'East', '--team', 'Sales').stderr)
      .toMatch(/only a director oversees/);
  });

  it('prints the organisation digest: every team\'s headline and the A-grade customers of all', () => {
    const json = radar('digest', '--org', '--week', '2026-W44', '--json');
    expect(json.code, json.stderr).toBe(0);
    const model = JSON.parse(json.stdout) as { teams: Array<{ teamName: string; gradeA: number; reps: number }>; gradeA: Array<{ teamName: string; customerName: string }> };
    expect(model.teams.map((t) => [t.teamName, t.gradeA, t.reps])).toEqual([['Sales', 1, 1], ['East', 1, 1]]);
    expect(model.gradeA.map((f) => [f.customerName, f.teamName]).sort()).toEqual([['东方重工', 'East'], ['华星科技', 'Sales']]);
    const text = radar('digest', '--org', '--week', '2026-W44', '--lang', 'zh');
    expect(text.stdout).toMatch(/组织周报 2026-W44 — 2 个团队，A 级客户 2 个/);
    expect(radar('digest', '--org', '--teams', 'Nowhere').stderr).toMatch(/--teams: no team named "Nowhere"/);
  });
});
