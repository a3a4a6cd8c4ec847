import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backupDb, checkDb, openDb, type Db } from '../../src/storage/db.js';
import { MIGRATIONS_FOLDER, MigrationError } from '../../src/storage/migrate.js';
import { createRepositories } from '../../src/storage/repositories.js';

const dirs: string[] = [];
const open: Db[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'radar-db-'));
  dirs.push(d);
  return d;
}
const track = (db: Db) => (open.push(db), db);
// Every migration in the folder, in order (other branches add their own).
const ALL_MIGRATIONS = (JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: Array<{ tag: string }> }).entries.map((e) => e.tag);

afterEach(() => {
  for (const db of open.splice(0)) if (db.sqlite.open) db.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const tables = (db: Db) => db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('openDb', () => {
  it('creates the folder, sets the pragmas and applies migrations once', () => {
    const path = join(tempDir(), 'nested', 'deeper', 'radar.sqlite');
    const db = track(openDb(path));
    expect(db.migrations.applied).toEqual(ALL_MIGRATIONS);
    expect(db.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(Number(db.sqlite.pragma('busy_timeout', { simple: true }))).toBeGreaterThan(0);
    expect(tables(db)).toEqual(expect.arrayContaining(['teams', 'members', 'customers', 'entries', 'scores', 'outbox', 'job_runs', 'inbound_events']));
    db.close();
    const again = track(openDb(path));
    expect(again.migrations.applied).toEqual([]);
  });

  it('finds the migrations from the source file, not the cwd', () => {
    const cwd = process.cwd();
    try {
      process.chdir(tempDir());
      const db = track(openDb(':memory:'));
      expect(db.migrations.applied.length).toBeGreaterThan(0);
      expect(existsSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it('rolls back a failing migration and leaves the previous schema and data intact', () => {
    const dir = tempDir();
    const folder = join(dir, 'migrations');
    cpSync(MIGRATIONS_FOLDER, folder, { recursive: true });
    const dbPath = join(dir, 'radar.sqlite');
    const db1 = track(openDb(dbPath, { migrationsFolder: folder }));
    createRepositories(db1).teams.ensureTeam({ name: 'Sales', timezone: 'UTC', locale: 'en' });
    const before = tables(db1);
    db1.close();

    // A later migration that changes things, then fails half-way.
    const journalPath = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Array<Record<string, unknown>> };
    journal.entries.push({ idx: journal.entries.length, version: '6', when: Date.now() + 1000, tag: '0001_broken', breakpoints: true });
    writeFileSync(journalPath, JSON.stringify(journal));
    writeFileSync(join(folder, '0001_broken.sql'), [
      'CREATE TABLE `extra` (`id` integer PRIMARY KEY);',
      'DROP TABLE `teams`;',
      'INSERT INTO `no_such_table` VALUES (1);',
    ].join('\n--> statement-breakpoint\n'));

    let error: unknown;
    try {
      openDb(dbPath, { migrationsFolder: folder });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).tag).toBe('0001_broken');
    expect((error as Error).message).toMatch(/0001_broken failed and was rolled back: no such table: no_such_table/);

    // The real migrations open it fine: same tables, the team is still there, no partial changes.
    const db2 = track(openDb(dbPath));
    expect(tables(db2)).toEqual(before);
    expect(createRepositories(db2).teams.listTeams().map((t) => t.name)).toEqual(['Sales']);
    expect(db2.sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(ALL_MIGRATIONS.length);
  });
});

describe('backupDb and checkDb', () => {
  it('makes an openable, consistent copy while the database is in use', async () => {
    const dir = tempDir();
    const db = track(openDb(join(dir, 'radar.sqlite')));
    const repos = createRepositories(db);
    const team = repos.teams.ensureTeam({ name: 'Sales', timezone: 'UTC', locale: 'en' });
    repos.customers.upsertCustomer({ teamId: team.id, name: '华星科技' });
    const result = await backupDb(db, join(dir, 'backups', 'copy.sqlite'));
    expect(result.totalPages).toBeGreaterThan(0);
    const copy = track(openDb(result.path));
    expect(createRepositories(copy).customers.listCustomers(team.id).map((c) => c.name)).toEqual(['华星科技']);
    expect(checkDb(copy)).toEqual({ ok: true, integrity: ['ok'], foreignKeys: [] });
    await expect(backupDb(db, db.path)).rejects.toThrow(/itself/);
  });

  it('reports foreign key problems', () => {
    const db = track(openDb(':memory:'));
    db.sqlite.pragma('foreign_keys = OFF');
    db.sqlite.prepare("INSERT INTO customers (team_id, name, name_key) VALUES (42, 'x', 'x')").run();
    const check = checkDb(db);
    expect(check.ok).toBe(false);
    expect(check.integrity).toEqual(['ok']);
    expect(check.foreignKeys).toEqual([{ table: 'customers', rowid: 1, parent: 'teams', fkid: expect.any(Number) }]);
  });
});
