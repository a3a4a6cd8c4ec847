// Migration 0008 moves members' Slack and Feishu ids into member_identities: a database from before it
// keeps every id, and the bot finds the same people by them afterwards.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../src/storage/migrate.js';
import { migrationsBefore, removeScratchDirs, scratchDir } from './support/old-migrations.js';
import { openDb } from '../../src/storage/db.js';
import { createRepositories } from '../../src/storage/repositories.js';

afterEach(removeScratchDirs);

describe('migration 0008: member identities', () => {
  it('keeps every Slack and Feishu id of an older database, and finds the members by them', () => {
    const dir = scratchDir('radar-db-');
    const path = join(dir, 'radar.db');
    const old = new Database(path);
    migrate(old, migrationsBefore('0008_member_identities'));
    old.prepare("INSERT INTO teams (id, name, timezone, locale, created_at) VALUES (1, 'Sales', 'Asia/Shanghai', 'zh', '2026-01-01T00:00:00Z')").run();
    const add = old.prepare('INSERT INTO members (team_id, name, email, role, slack_user_id, feishu_open_id) VALUES (1, ?, ?, ?, ?, ?)');
    add.run('Both', 'both@example.com', 'rep', 'U-both', 'ou_both');
    add.run('Slack only', 'slack@example.com', 'manager', 'U-slack', null);
    add.run('Feishu only', 'feishu@example.com', 'rep', null, 'ou_feishu');
    add.run('Nobody yet', 'none@example.com', 'rep', null, '');
    old.close();

    const db = openDb(path);
    const repos = createRepositories(db);
    const byEmail = (e: string) => repos.teams.memberByEmail(1, e)!;
    expect(byEmail('both@example.com').identities).toEqual([{ platform: 'feishu', userId: 'ou_both' }, { platform: 'slack', userId: 'U-both' }]);
    expect(byEmail('slack@example.com').identities).toEqual([{ platform: 'slack', userId: 'U-slack' }]);
    expect(byEmail('feishu@example.com').identities).toEqual([{ platform: 'feishu', userId: 'ou_feishu' }]);
    expect(byEmail('none@example.com').identities).toEqual([]);
    expect(repos.teams.memberByPlatformId('slack', 'U-both')?.email).toBe('both@example.com');
    expect(repos.teams.memberByPlatformId('feishu', 'ou_feishu')?.email).toBe('feishu@example.com');
    expect(repos.teams.listMembers(1).map((m) => m.identities.length)).toEqual([2, 1, 1, 0]);
    db.close();
  });
});
