import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ensureDefaultTeam, formatIssue, ImportError, importRecords, type ImportProgress } from '../../../src/app/import/import-records.service.js';
import type { Repositories } from '../../../src/app/ports/repositories.port.js';
import { openDb, type Db } from '../../../src/storage/db.js';
import { createRepositories } from '../../../src/storage/repositories.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/import/${name}`, import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'radar-import-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let db: Db;
afterEach(() => db?.close());
function fresh(): Repositories {
  db = openDb(':memory:');
  return createRepositories(db);
}

/** Everything the import wrote, keyed by names so two databases can be compared. */
function book(repos: Repositories, teamId: number) {
  const members = new Map(repos.teams.listMembers(teamId).map((m) => [m.id, m]));
  const customers = new Map(repos.customers.listCustomers(teamId).map((c) => [c.id, c]));
  const entries = repos.reports.entriesInRange(teamId, '2000-W01', '2099-W52').map((e) => ({
    week: e.week, rep: members.get(e.repId)?.email.toLowerCase(), customer: customers.get(e.customerId)?.name, values: e.values,
  }));
  return {
    entries: entries.sort((a, b) => `${a.week}${a.rep}${a.customer}`.localeCompare(`${b.week}${b.rep}${b.customer}`)),
    customers: [...customers.values()].map(({ id: _id, ownerRepId, ...c }) => ({ ...c, owner: members.get(ownerRepId ?? -1)?.email.toLowerCase() })),
    members: [...members.values()].map((m) => ({ email: m.email.toLowerCase(), name: m.name, role: m.role })),
  };
}

describe('importRecords', () => {
  it('imports JSON Lines: team, members, customers with folded names, entries, report rows', () => {
    const repos = fresh();
    const progress: ImportProgress[] = [];
    const result = importRecords(repos, fixture('sample.jsonl'), { onProgress: (p) => progress.push(p), progressEvery: 2, now: '2026-10-12T00:00:00Z' });
    expect(result).toMatchObject({
      format: 'jsonl', records: 4, entries: { inserted: 4, updated: 0, unchanged: 0 }, members: { created: 2 },
      customers: { created: 2, updated: 0 }, skipped: [], weeks: { from: '2026-W40', to: '2026-W41' }, invalidatedFrom: '2026-W40',
    });
    const team = ensureDefaultTeam(repos);
    expect(result.teamId).toBe(team.id);
    const b = book(repos, team.id);
    expect(b.members).toEqual([
      { email: 'li.wei@example.com', name: 'Li Wei', role: 'rep' },
      { email: 'zhang.min@example.com', name: '张敏', role: 'rep' },
    ]);
    expect(b.customers).toEqual([
      { teamId: team.id, name: '华星科技', aliases: [], industry: 'software', region: 'East', tier: 'key', since: '2023-04-01', owner: 'li.wei@example.com' },
      { teamId: team.id, name: 'ACME Corp', aliases: [], industry: 'retail', region: 'North', tier: 'normal', since: null, owner: 'li.wei@example.com' },
    ]);
    // “ＡＣＭＥ Corp ” by another rep is the same customer.
    expect(b.entries.filter((e) => e.customer === 'ACME Corp').map((e) => [e.week, e.rep])).toEqual([
      ['2026-W40', 'li.wei@example.com'], ['2026-W41', 'zhang.min@example.com'],
    ]);
    expect(b.entries.find((e) => e.customer === 'ACME Corp' && e.week === '2026-W40')?.values).toEqual({
      contacts: 1, lastContact: null, revenue: 0, collected: null, receivable: 8000, overdueDays: 45, paymentTermDays: null, complaints: 2, complaintType: 'billing',
      requirementChanges: null, faults: null, usage: null, stage: 'renewal', expectedClose: null, health: 'yellow',
      notes: '客户说 "下周付款", 再跟进',
    });
    expect(repos.reports.reportStatuses(team.id, '2026-W41').map((s) => s.submittedAt)).toEqual(['2026-10-12T00:00:00Z', '2026-10-12T00:00:00Z']);
    expect(progress.at(-1)).toMatchObject({ records: 4, lines: 5 });
    expect(progress.at(-1)?.bytesRead).toBe(progress.at(-1)?.totalBytes);
    expect(progress.length).toBeGreaterThanOrEqual(3);
  });

  it('reads the same data from CSV (BOM, CRLF, quotes, Chinese, multi-line cells)', () => {
    const a = fresh();
    importRecords(a, fixture('sample.jsonl'));
    const fromJson = book(a, ensureDefaultTeam(a).id);
    db.close();
    const b = fresh();
    const result = importRecords(b, fixture('sample.csv'));
    expect(result).toMatchObject({ format: 'csv', records: 4, entries: { inserted: 4 } });
    expect(book(b, result.teamId)).toEqual(fromJson);
  });

  it('changes nothing when the same file is imported twice', () => {
    const repos = fresh();
    const first = importRecords(repos, fixture('sample.csv'), { now: '2026-10-12T00:00:00Z' });
    const before = db.sqlite.prepare('SELECT * FROM entries ORDER BY id').all();
    repos.scores.saveWeekScores(first.teamId, '2026-W40', []);
    const second = importRecords(repos, fixture('sample.csv'), { now: '2026-10-19T00:00:00Z' });
    expect(second).toMatchObject({
      entries: { inserted: 0, updated: 0, unchanged: 4 }, members: { created: 0 }, customers: { created: 0, updated: 0 }, invalidatedFrom: null,
    });
    expect(db.sqlite.prepare('SELECT * FROM entries ORDER BY id').all()).toEqual(before);
    expect(repos.reports.reportStatuses(first.teamId, '2026-W40')[0]?.submittedAt).toBe('2026-10-12T00:00:00Z');
  });

  it('counts updates and invalidates scores from the earliest changed week', () => {
    const repos = fresh();
    const { teamId } = importRecords(repos, fixture('sample.jsonl'));
    const w40 = '2026-W40';
    repos.scores.saveWeekScores(teamId, w40, []);
    const changed = readFileSync(fixture('sample.jsonl'), 'utf8').split('\n').filter((l) => l.includes('2026-W41')).join('\n')
      .replace('"revenue":3000.5', '"revenue":999');
    const result = importRecords(repos, { name: 'changed.jsonl', text: changed });
    expect(result.entries).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    expect(result.invalidatedFrom).toBe('2026-W41');
  });

  it('rejects a file with invalid records, naming file:line, field and expectation, and writes nothing', () => {
    const repos = fresh();
    const team = ensureDefaultTeam(repos);
    let error: unknown;
    try {
      importRecords(repos, fixture('invalid.jsonl'), { teamId: team.id });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ImportError);
    const e = error as ImportError;
    expect(e.code).toBe('invalid_records');
    expect(e.invalidCount).toBe(3);
    const lines = e.issues.map((i) => formatIssue(i));
    const file = fixture('invalid.jsonl');
    expect(lines).toEqual([
      `${file}:2: week: expected an existing ISO week as YYYY-Www (e.g. 2026-W40) (got 2026-W60)`,
      `${file}:3: rep: expected the rep's email address (got not-an-email)`,
      `${file}:3: contacts: Contacts must be a whole number, 0 or more (got -1)`,
      `${file}:3: stage: Stage must be one of: lead | qualified | proposal | negotiation | won | live | renewal | lost (got sleeping)`,
      expect.stringMatching(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: \\(line\\): expected a JSON object`)),
    ]);
    expect(e.message).toContain('nothing was imported');
    expect(formatIssue(e.issues[0]!, 'zh')).toContain('week: 应为存在的 ISO 周');
    expect(repos.customers.listCustomers(team.id)).toEqual([]);
    expect(repos.teams.listMembers(team.id)).toEqual([]);
    expect(repos.reports.weeksWithEntries(team.id)).toEqual([]);
  });

  it('with skipInvalid, lists every skipped line and writes the rest', () => {
    const repos = fresh();
    const result = importRecords(repos, fixture('invalid.jsonl'), { skipInvalid: true });
    expect(result.skippedCount).toBe(3);
    expect([...new Set(result.skipped.map((i) => i.line))]).toEqual([2, 3, 4]);
    expect(result.entries.inserted).toBe(2);
    expect(repos.customers.listCustomers(result.teamId).map((c) => c.name)).toEqual(['华星科技', 'Gamma']);
  });

  it('caps the listed issues but counts all', () => {
    const repos = fresh();
    const text = Array.from({ length: 500 }, () => '{"week":"bad"}').join('\n');
    const err = (() => { try { importRecords(repos, { name: 'many.jsonl', text }, { maxIssues: 20 }); } catch (e) { return e; } })() as ImportError;
    expect(err.issues).toHaveLength(20);
    expect(err.invalidCount).toBe(500);
    expect(err.message).toBe('500 invalid record(s) in many.jsonl; nothing was imported (first: many.jsonl:1: week: expected an existing ISO week as YYYY-Www (e.g. 2026-W40) (got bad))');
  });

  it('names missing CSV columns, unknown files and bad CSV rows', () => {
    const repos = fresh();
    expect(() => importRecords(repos, { name: 'x.csv', text: 'week,customer\n2026-W40,A\n' }))
      .toThrow(/x\.csv:1: \(header\): expected a header row with the columns rep/);
    expect(() => importRecords(repos, join(tmp, 'missing.jsonl'))).toThrow(expect.objectContaining({ code: 'unreadable' }));
    const csv = 'week,rep,customer,contacts,revenue,stage\n2026-W40,a@b.co,A,1,2\n2026-W40,a@b.co,"B"x,1,2,live\n';
    const err = (() => { try { importRecords(repos, { name: 'rows.csv', text: csv }); } catch (e) { return e; } })() as ImportError;
    expect(err.issues.map((i) => formatIssue(i))).toEqual([
      'rows.csv:2: (line): expected 6 columns (got 5)',
      'rows.csv:3: (line): expected a valid CSV record (unexpected text after a closing quote (line 3, column 20))',
    ]);
  });

  it('detects the format from the content when the name does not say', () => {
    const repos = fresh();
    const path = join(tmp, 'export-without-extension');
    writeFileSync(path, 'week,rep,customer,contacts,revenue,stage\n2026-W40,a@b.co,A,1,2,live\n');
    expect(importRecords(repos, path).format).toBe('csv');
    expect(importRecords(repos, { name: 'stdin', text: '{"week":"2026-W40","rep":"a@b.co","customer":"A","contacts":1,"revenue":2,"stage":"live"}' }))
      .toMatchObject({ format: 'jsonl', entries: { unchanged: 1 } });
  });
});
