// The synchronous repository ports over PostgreSQL (src/storage/pg/bridge): the app's sync calls reach a
// real server through the storage thread; transactions commit, roll back and nest (savepoints) as on
// SQLite; a storage error keeps its code and user message across the threads; the scorer's EntryRuns
// come out as SQLite's do.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importRecords } from '../../../src/app/import/import-records.service.js';
import { openStorage, type Storage } from '../../../src/storage/open-storage.js';
import { createRepositories } from '../../../src/storage/repositories.js';
import { openDb } from '../../../src/storage/db.js';
import { openPgDb } from '../../../src/storage/pg/db.js';
import type { Repositories } from '../../../src/app/ports/repositories.port.js';
import type { EntryRun } from '../../../src/core/customer-risk/score-week.js';
import { describePg } from '../../support/postgres.js';
import { entry } from '../helpers.js';

const AT = '2026-10-01T00:00:00.000Z';

function seed(repos: Repositories) {
  const team = repos.teams.ensureTeam({ name: 'East', timezone: 'Asia/Shanghai', locale: 'zh' });
  const rep = repos.teams.upsertMember({ teamId: team.id, email: 'li.wei@example.com', name: 'Li Wei', role: 'rep' });
  const a = repos.customers.upsertCustomer({ teamId: team.id, name: '华星科技', ownerRepId: rep.id });
  const b = repos.customers.upsertCustomer({ teamId: team.id, name: 'Acme', ownerRepId: rep.id });
  for (const [week, customerId, contacts] of [['2026-W40', a.id, 3], ['2026-W40', b.id, 1], ['2026-W41', a.id, 0]] as const) {
    repos.reports.upsertEntry({ teamId: team.id, week, repId: rep.id, customerId, source: 'chat', values: entry({ contacts }) }, AT);
  }
  return { team, rep, a, b };
}

const runRows = (run: EntryRun) => Array.from({ length: run.length }, (_, i) => [run.week(i), run.customerId(i), run.contacts(i), run.carried(i)]);

describePg('storage bridge', (pg) => {
  let storage: Storage;
  beforeAll(() => { storage = openStorage(pg.url); });
  afterAll(() => storage.close());

  it('opens PostgreSQL by URL, migrated, and answers the sync ports', () => {
    expect(storage).toMatchObject({ dialect: 'postgres', sqlite: null, url: pg.url });
    expect(storage.where).not.toContain('@');
    const { team, a } = seed(storage.repos);
    expect(storage.repos.teams.getTeam(team.id)).toEqual(team);
    expect(storage.repos.customers.customerByName(team.id, ' 华星科技 ')?.id).toBe(a.id);
    expect(storage.repos.reports.weeksWithEntries(team.id)).toEqual(['2026-W40', '2026-W41']);
    // "No row" comes back as undefined, as on SQLite, not as null (which would mean "stored without a hash").
    expect(storage.repos.scores.storedWeekHash(team.id, '2026-W41')).toBeUndefined();
  });

  it('gives the scorer the same EntryRuns as SQLite', () => {
    const sqlite = openDb(':memory:');
    try {
      const local = createRepositories(sqlite);
      const l = seed(local);
      const teamId = storage.repos.teams.teamByName('East')!.id;
      const remote = storage.repos.reports.scoringWeeks(teamId, '2026-W40', '2026-W41');
      const here = local.reports.scoringWeeks(l.team.id, '2026-W40', '2026-W41');
      expect([...remote.keys()]).toEqual([...here.keys()]);
      expect(runRows(remote.get('2026-W40')!).map((r) => [r[0], r[2], r[3]])).toEqual(runRows(here.get('2026-W40')!).map((r) => [r[0], r[2], r[3]]));
      expect(runRows(remote.get('2026-W41')!)).toHaveLength(1);
    } finally {
      sqlite.close();
    }
  });

  it('rolls a transaction back on a throw, and a nested one back to its savepoint only', () => {
    const { teams } = storage.repos;
    const team = teams.ensureTeam({ name: 'Tx', timezone: 'UTC', locale: 'en' });
    expect(() => storage.repos.transaction(() => {
      teams.updateTeam(team.id, { timezone: 'Europe/Berlin' });
      throw new Error('boom');
    })).toThrow('boom');
    expect(teams.getTeam(team.id)?.timezone).toBe('UTC');

    storage.repos.transaction(() => {
      teams.updateTeam(team.id, { timezone: 'Asia/Tokyo' });
      expect(() => storage.repos.transaction(() => {
        teams.updateTeam(team.id, { locale: 'zh' });
        throw new Error('inner');
      })).toThrow('inner');
    });
    expect(teams.getTeam(team.id)).toMatchObject({ timezone: 'Asia/Tokyo', locale: 'en' });
  });

  it('refuses a transaction function that returns a promise, committing nothing', () => {
    const { teams } = storage.repos;
    const team = teams.ensureTeam({ name: 'Async', timezone: 'UTC', locale: 'en' });
    expect(() => storage.repos.transaction(() => {
      teams.updateTeam(team.id, { timezone: 'Asia/Shanghai' });
      return Promise.resolve();
    })).toThrow(/must not return a promise/);
    expect(teams.getTeam(team.id)?.timezone).toBe('UTC');
  });

  it('keeps a storage error\'s code and user message, and names the server\'s SQLSTATE for a refused statement', () => {
    const teamId = storage.repos.teams.teamByName('East')!.id;
    let caught: unknown;
    try {
      storage.repos.customers.upsertCustomer({ teamId, name: '   ' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ name: 'BridgedStorageError', code: 'customer_name_empty', origin: 'StorageError' });
    expect((caught as { userMessage: { en: string } }).userMessage.en).toMatch(/customer name is empty/i);

    expect(() => storage.repos.teams.upsertMember({ teamId: 999_999, email: 'x@example.com', name: 'X', role: 'rep' }))
      .toThrow(/SQLSTATE 23503/); // foreign key: no such team
  });

  it('imports a file through the staging tables on the storage thread, with the same result as SQLite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radar-bridge-import-'));
    try {
      const csv = ['week,rep,customer,contacts,revenue,overdueDays,stage'];
      for (let c = 0; c < 300; c++) for (const w of ['2026-W40', '2026-W41']) csv.push(`${w},rep${c % 7}@x.co,客户 ${c},${c % 4},${c * 10},${c % 50},live`);
      csv.push('2026-W41,rep0@x.co,客户 0,9,1,0,live'); // a later duplicate wins
      const file = join(dir, 'history.csv');
      writeFileSync(file, `${csv.join('\n')}\n`);
      const run = (repos: Repositories) => {
        const team = repos.teams.ensureTeam({ name: 'Imported', timezone: 'Asia/Shanghai', locale: 'zh' });
        const result = importRecords(repos, file, { teamId: team.id, now: AT, swapBatch: 250 });
        const customer = repos.customers.customerByName(team.id, '客户 0')!;
        const latest = repos.reports.entriesForWeek(team.id, '2026-W41').find((e) => e.customerId === customer.id);
        return { entries: result.entries.inserted, customers: repos.customers.listCustomers(team.id).length, latest: latest?.values.contacts,
          submitted: repos.reports.reportStatuses(team.id, '2026-W41').filter((x) => x.submittedAt === AT).length };
      };
      const onPg = run(storage.repos);
      const sqlite = openDb(':memory:');
      const onSqlite = run(createRepositories(sqlite));
      sqlite.close();
      expect(onPg).toEqual({ entries: 600, customers: 300, latest: 9, submitted: 7 });
      expect(onPg).toEqual(onSqlite);
      // The staging tables are gone with the import.
      const direct = await openPgDb(pg.url);
      expect(await direct.query("SELECT tablename FROM pg_tables WHERE tablename LIKE 'radar_import_%'")).toEqual([]);
      await direct.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describePg('storage bridge: a server that is not there', () => {
  it('fails to open with the host and port named, never the password', () => {
    expect(() => openStorage('postgres://radar:hunter2@127.0.0.1:1/radar', { postgres: { callTimeoutMs: 20_000 } }))
      .toThrow(/cannot connect to PostgreSQL at 127\.0\.0\.1:1\/radar/);
    try {
      openStorage('postgres://radar:hunter2@127.0.0.1:1/radar');
    } catch (err) {
      expect(String((err as Error).message)).not.toContain('hunter2');
    }
  });
});
