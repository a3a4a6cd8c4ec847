// The `team` import column: many teams share one database, a record goes to the team its `team` cell
// names (an empty cell or no column: the command's team); exports name the team when there are several.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportWeek } from '../../../src/app/export/export-week.service.js';
import { formatIssue, ImportError, importRecords } from '../../../src/app/import/import-records.service.js';
import type { Repositories } from '../../../src/app/ports/repositories.port.js';
import type { Team } from '../../../src/core/team.js';
import { freshRepos } from '../support/fresh-repos.js';

const tmp = mkdtempSync(join(tmpdir(), 'radar-import-teams-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function twoTeams(): { repos: Repositories; north: Team; south: Team } {
  const repos = freshRepos();
  const north = repos.teams.ensureTeam({ name: 'North', timezone: 'Asia/Shanghai', locale: 'zh' });
  const south = repos.teams.ensureTeam({ name: 'South Sales', timezone: 'Asia/Shanghai', locale: 'en' });
  return { repos, north, south };
}

/** A team's book by names: members, customers (with owner), entries. */
function book(repos: Repositories, teamId: number) {
  const members = new Map(repos.teams.listMembers(teamId).map((m) => [m.id, m.email.toLowerCase()]));
  const customers = new Map(repos.customers.listCustomers(teamId).map((c) => [c.id, c]));
  return {
    members: [...members.values()].sort(),
    customers: [...customers.values()].map((c) => ({ name: c.name, owner: members.get(c.ownerRepId ?? -1) ?? null })).sort((a, b) => a.name.localeCompare(b.name)),
    entries: repos.reports.entriesInRange(teamId, '2000-W01', '2099-W52')
      .map((e) => ({ week: e.week, rep: members.get(e.repId), customer: customers.get(e.customerId)?.name, revenue: e.values.revenue, teamId: e.teamId }))
      .sort((a, b) => `${a.week}${a.customer}${a.rep}`.localeCompare(`${b.week}${b.customer}${b.rep}`)),
  };
}

const entry = { contacts: 2, revenue: 100, stage: 'live' };

describe('the team column', () => {
  it('JSONL: records go to the team they name (trimmed, any case); none or empty is the command\'s team', () => {
    const { repos, north, south } = twoTeams();
    const lines = [
      { team: 'North', week: '2026-W40', rep: 'li@example.com', customer: 'Acme', ...entry },
      // The same email and customer name in another team are another member and another customer.
      { team: ' south sales ', week: '2026-W40', rep: 'li@example.com', customer: 'Acme', ...entry, revenue: 200 },
      { team: 'SOUTH SALES', week: '2026-W40', rep: 'wu@example.com', customer: 'Borealis', ...entry, revenue: 300 },
      { team: '', week: '2026-W41', rep: 'li@example.com', customer: 'Acme', ...entry, revenue: 400 },
      { week: '2026-W41', rep: 'zhao@example.com', customer: 'Cobalt', ...entry, revenue: 500 },
    ].map((r) => JSON.stringify(r)).join('\n');
    const result = importRecords(repos, { name: 'teams.jsonl', text: lines }, { teamId: north.id, now: '2026-10-12T00:00:00Z' });
    expect(result).toMatchObject({
      teamId: north.id, teamIds: [north.id, south.id], records: 5, entries: { inserted: 5, updated: 0, unchanged: 0 },
      members: { created: 4 }, customers: { created: 4 },
    });
    expect(result.invalidated).toEqual([{ teamId: north.id, from: '2026-W40' }, { teamId: south.id, from: '2026-W40' }]);
    expect(book(repos, north.id)).toEqual({
      members: ['li@example.com', 'zhao@example.com'],
      customers: [{ name: 'Acme', owner: 'li@example.com' }, { name: 'Cobalt', owner: 'zhao@example.com' }],
      entries: [
        { week: '2026-W40', rep: 'li@example.com', customer: 'Acme', revenue: 100, teamId: north.id },
        { week: '2026-W41', rep: 'li@example.com', customer: 'Acme', revenue: 400, teamId: north.id },
        { week: '2026-W41', rep: 'zhao@example.com', customer: 'Cobalt', revenue: 500, teamId: north.id },
      ],
    });
    expect(book(repos, south.id)).toEqual({
      members: ['li@example.com', 'wu@example.com'],
      customers: [{ name: 'Acme', owner: 'li@example.com' }, { name: 'Borealis', owner: 'wu@example.com' }],
      entries: [
        { week: '2026-W40', rep: 'li@example.com', customer: 'Acme', revenue: 200, teamId: south.id },
        { week: '2026-W40', rep: 'wu@example.com', customer: 'Borealis', revenue: 300, teamId: south.id },
      ],
    });
    // Each team's reports are marked in that team.
    expect(repos.reports.reportStatuses(south.id, '2026-W40').map((s) => s.submittedAt)).toEqual(['2026-10-12T00:00:00Z', '2026-10-12T00:00:00Z']);
    expect(repos.reports.reportStatuses(north.id, '2026-W40').filter((s) => s.submittedAt !== null)).toHaveLength(1);
    // Imported again: the same rows, nothing changes.
    expect(importRecords(repos, { name: 'teams.jsonl', text: lines }, { teamId: north.id }).entries).toEqual({ inserted: 0, updated: 0, unchanged: 5 });
  });

  it('CSV: the 团队 / 小组 / Team headers name the column; an empty cell is the command\'s team', () => {
    for (const header of ['团队', '小组', 'Team', 'team']) {
      const { repos, north, south } = twoTeams();
      const csv = [
        `${header},week,rep,customer,contacts,revenue,stage`,
        'South Sales,2026-W40,li@example.com,Acme,1,10,live',
        ',2026-W40,li@example.com,Acme,1,20,live',
        'north,2026-W40,wu@example.com,Borealis,1,30,live',
      ].join('\n');
      const result = importRecords(repos, { name: 'teams.csv', text: csv }, { teamId: south.id });
      expect(result.unknownColumns).toEqual([]);
      expect(result.teamIds).toEqual([south.id, north.id]);
      expect(book(repos, south.id).entries).toEqual([{ week: '2026-W40', rep: 'li@example.com', customer: 'Acme', revenue: 20, teamId: south.id }]);
      expect(book(repos, north.id).entries).toEqual([{ week: '2026-W40', rep: 'wu@example.com', customer: 'Borealis', revenue: 30, teamId: north.id }]);
    }
  });

  it('an unknown team is an invalid record naming file:line and the field, and nothing is written', () => {
    const { repos, north, south } = twoTeams();
    const csv = [
      'team,week,rep,customer,contacts,revenue,stage',
      'North,2026-W40,li@example.com,Acme,1,10,live',
      'Westward,2026-W40,wu@example.com,Borealis,1,30,live',
    ].join('\n');
    let error: unknown;
    try {
      importRecords(repos, { name: 'teams.csv', text: csv }, { teamId: north.id });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ImportError);
    const e = error as ImportError;
    expect(e.code).toBe('invalid_records');
    expect(e.invalidCount).toBe(1);
    expect(e.issues.map((i) => formatIssue(i))).toEqual([
      'teams.csv:3: team: no team named "Westward" (teams: North, South Sales; add one with radar teams add Westward)',
    ]);
    expect(formatIssue(e.issues[0]!, 'zh')).toContain('Westward');
    for (const team of [north, south]) expect(book(repos, team.id)).toEqual({ members: [], customers: [], entries: [] });
    // With --skip-invalid the line is left out and the rest is written.
    const skipped = importRecords(repos, { name: 'teams.csv', text: csv }, { teamId: north.id, skipInvalid: true });
    expect(skipped).toMatchObject({ records: 1, skippedCount: 1, entries: { inserted: 1 } });
    expect(skipped.skipped.map((i) => [i.line, i.field])).toEqual([[3, 'team']]);
  });

  it('an export names the team only when there are several, and re-imports to the same rows', async () => {
    const { repos, north, south } = twoTeams();
    const lines = [
      { team: 'North', week: '2026-W40', rep: 'li@example.com', customer: 'Acme', ...entry },
      { team: 'South Sales', week: '2026-W40', rep: 'li@example.com', customer: 'Acme', ...entry, revenue: 200, notes: 'south' },
      { team: 'South Sales', week: '2026-W40', rep: 'wu@example.com', customer: 'Borealis', ...entry, revenue: 300 },
    ].map((r) => JSON.stringify(r)).join('\n');
    importRecords(repos, { name: 'teams.jsonl', text: lines }, { teamId: north.id });
    const path = join(tmp, 'south.csv');
    const exported = await exportWeek(repos, south.id, '2026-W40', 'csv', path);
    expect(exported.columns.slice(0, 3)).toEqual(['team', 'week', 'rep']);
    const rows = readFileSync(path, 'utf8').replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(['South Sales', 'South Sales']);

    const before = { north: book(repos, north.id), south: book(repos, south.id) };
    // Imported with another team as the command's team: the rows go back to South Sales, unchanged.
    const again = importRecords(repos, path, { teamId: north.id });
    expect(again.entries).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(again.teamIds).toEqual([south.id]);
    expect({ north: book(repos, north.id), south: book(repos, south.id) }).toEqual(before);

    // Into a database that has the same teams: the same rows.
    const other = twoTeams();
    importRecords(other.repos, path, { teamId: other.north.id });
    expect(book(other.repos, other.south.id).entries.map(({ teamId: _t, ...e }) => e)).toEqual(before.south.entries.map(({ teamId: _t, ...e }) => e));
    expect(book(other.repos, other.north.id)).toEqual({ members: [], customers: [], entries: [] });

    // A single-team database exports without the column, as before.
    const single = freshRepos();
    const only = single.teams.ensureTeam({ name: 'Only', timezone: 'Asia/Shanghai', locale: 'en' });
    importRecords(single, { name: 'one.jsonl', text: JSON.stringify({ week: '2026-W40', rep: 'li@example.com', customer: 'Acme', ...entry }) }, { teamId: only.id });
    const one = await exportWeek(single, only.id, '2026-W40', 'csv', join(tmp, 'one.csv'));
    expect(one.columns[0]).toBe('week');
    expect(one.columns).not.toContain('team');
  });
});
