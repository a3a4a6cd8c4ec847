// entries.custom (issue 11 §4): custom field values stored as JSON keyed by field id; the migration
// that adds the column keeps existing rows (they read as no custom values).
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/storage/db.js';
import { MIGRATIONS_FOLDER } from '../../src/storage/migrate.js';
import { createRepositories } from '../../src/storage/repositories.js';
import { entry, setup, type Fixture } from './helpers.js';

let f: Fixture | undefined;
const dirs: string[] = [];
const open: Db[] = [];
afterEach(() => {
  f?.db.close();
  f = undefined;
  for (const db of open.splice(0)) if (db.sqlite.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('custom values on entries', () => {
  it('stores and reads them, counts a change as a change, and an identical re-upsert as none', () => {
    f = setup();
    const c = f.repos.customers.upsertCustomer({ teamId: f.teamId, name: 'Acme' });
    const base = { teamId: f.teamId, week: '2026-W40', repId: f.repId, customerId: c.id, source: 'import' as const, values: entry() };
    const custom = { seats: 1200, region: 'north', renewOn: '2026-12-01', contractNo: 'A-1' };
    expect(f.repos.reports.upsertEntry({ ...base, custom }, 't1')).toBe(true);
    expect(f.repos.reports.upsertEntry({ ...base, custom: { region: 'north', contractNo: 'A-1', renewOn: '2026-12-01', seats: 1200 } }, 't2')).toBe(false);
    expect(f.repos.reports.entriesForWeek(f.teamId, '2026-W40')[0]?.custom).toEqual(custom);
    expect(f.repos.reports.upsertEntry({ ...base, custom: { ...custom, seats: 1300 } }, 't3')).toBe(true);
    expect(f.repos.reports.entriesForWeek(f.teamId, '2026-W40')[0]?.custom?.seats).toBe(1300);
    // A writer that knows no custom fields (custom omitted) keeps them; an explicit {} clears them.
    expect(f.repos.reports.upsertEntry({ ...base, values: { ...entry(), contacts: 9 } }, 't4')).toBe(true);
    expect(f.repos.reports.entriesForWeek(f.teamId, '2026-W40')[0]).toMatchObject({ values: { contacts: 9 }, custom: { ...custom, seats: 1300 } });
    expect(f.repos.reports.upsertEntry({ ...base, values: { ...entry(), contacts: 9 } }, 't5')).toBe(false);
    expect(f.repos.reports.upsertEntry({ ...base, custom: {} }, 't6')).toBe(true);
    expect(f.repos.reports.entriesForWeek(f.teamId, '2026-W40')[0]?.custom).toEqual({});
  });
});

describe('the entries.custom migration', () => {
  it('keeps the rows written before it; they read with no custom values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-custom-'));
    dirs.push(dir);
    const folder = join(dir, 'migrations');
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const journalPath = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
    const at = journal.entries.findIndex((e) => e.tag === '0005_entries_custom_fields');
    expect(at).toBeGreaterThan(0);
    writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
    const dbPath = join(dir, 'radar.sqlite');
    const before = openDb(dbPath, { migrationsFolder: folder });
    open.push(before);
    const cols = () => (before.sqlite.prepare("SELECT name FROM pragma_table_info('entries')").pluck().all() as string[]);
    expect(cols()).not.toContain('custom');
    const sql = before.sqlite;
    const team = sql.prepare("INSERT INTO teams (name, timezone, locale, created_at) VALUES ('Sales', 'UTC', 'en', 't') RETURNING id").pluck().get() as number;
    const rep = sql.prepare("INSERT INTO members (team_id, name, email, role) VALUES (?, 'Li', 'li@example.com', 'rep') RETURNING id").pluck().get(team) as number;
    const cust = sql.prepare("INSERT INTO customers (team_id, name, name_key) VALUES (?, 'Acme', 'acme') RETURNING id").pluck().get(team) as number;
    before.sqlite.prepare("INSERT INTO entries (team_id, week, rep_id, customer_id, revenue, source, updated_at) VALUES (?, '2026-W40', ?, ?, 500, 'chat', 't')").run(team, rep, cust);
    before.close();

    const after = openDb(dbPath);
    open.push(after);
    // 0005 and whatever later migrations exist, in order.
    expect(after.migrations.applied).toEqual(journal.entries.slice(at).map((e) => e.tag));
    expect(after.migrations.applied[0]).toBe('0005_entries_custom_fields');
    const rows = createRepositories(after).reports.entriesForWeek(team, '2026-W40');
    expect(rows.map((r) => [r.values.revenue, r.custom])).toEqual([[500, {}]]);
  });
});
