// Migration 0009 (many teams) adds tables only: a single-team database from before it keeps every row,
// its team stays the configured one with the env's manager channel, and a second team starts empty.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/storage/migrate.js';
import { migrationsBefore, removeScratchDirs, scratchDir } from './support/old-migrations.js';
import { openDb } from '../../src/storage/db.js';
import { createRepositories } from '../../src/storage/repositories.js';

afterEach(removeScratchDirs);

describe('migration 0009: many teams', () => {
  it('keeps a single-team database whole and lets a second team in beside it', () => {
    const dir = scratchDir('radar-db-');
    const path = join(dir, 'radar.db');
    const old = new Database(path);
    migrate(old, migrationsBefore('0009_many_teams'));
    old.prepare("INSERT INTO teams (id, name, timezone, locale, created_at) VALUES (1, 'Sales', 'Asia/Shanghai', 'zh', '2026-01-01T00:00:00Z')").run();
    old.prepare("INSERT INTO members (id, team_id, name, email, role) VALUES (1, 1, 'Li Wei', 'li@example.com', 'rep'), (2, 1, 'Chen', 'chen@example.com', 'director')").run();
    old.prepare("INSERT INTO customers (id, team_id, name, name_key, owner_rep_id) VALUES (1, 1, '华星科技', '华星科技', 1)").run();
    old.prepare("INSERT INTO settings (team_id, key, value) VALUES (1, 'settingsOverrides', '{\"scoring\":{\"grades\":{\"A\":90}}}')").run();
    const counts = (db: Database.Database) => Object.fromEntries(['teams', 'members', 'customers', 'settings'].map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n]));
    const before = counts(old);
    old.close();

    const db = openDb(path);
    expect(counts(db.sqlite)).toEqual(before);
    const repos = createRepositories(db);
    expect(repos.teams.teamChannels(1)).toEqual([]);
    expect(repos.teams.overseenTeams(2)).toEqual([]);
    const east = repos.teams.ensureTeam({ name: 'East', timezone: 'Asia/Shanghai', locale: 'en' });
    repos.teams.setOverseenTeams(2, [east.id]);
    expect(repos.teams.overseenTeams(2)).toEqual([east.id]);
    expect(repos.customers.listCustomers(east.id)).toEqual([]);
    expect(repos.customers.listCustomers(1).map((c) => c.name)).toEqual(['华星科技']);
    expect(repos.teams.getSetting(1, 'settingsOverrides')).toEqual({ scoring: { grades: { A: 90 } } });
    db.close();
  });
});
