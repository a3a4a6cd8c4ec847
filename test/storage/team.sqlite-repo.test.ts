import { afterEach, describe, expect, it } from 'vitest';
import { setup, type Fixture } from './helpers.js';

let f: Fixture;
afterEach(() => f?.db.close());

describe('SqliteTeamRepo', () => {
  it('ensureTeam is idempotent by name', () => {
    f = setup();
    const again = f.repos.teams.ensureTeam({ name: 'Sales', timezone: 'UTC', locale: 'en' });
    expect(again.id).toBe(f.teamId);
    expect(again.timezone).toBe('Asia/Shanghai');
    expect(f.repos.teams.listTeams()).toHaveLength(1);
    f.repos.teams.updateTeam(f.teamId, { locale: 'en' });
    expect(f.repos.teams.getTeam(f.teamId)?.locale).toBe('en');
    expect(f.repos.teams.getTeam(999)).toBeNull();
  });

  it('matches member emails case-insensitively and upserts name/role', () => {
    f = setup();
    const m = f.repos.teams.upsertMember({ teamId: f.teamId, email: 'LI.WEI@Example.com', name: 'Wei Li', role: 'manager' });
    expect(m.id).toBe(f.repId);
    expect(m.role).toBe('manager');
    expect(f.repos.teams.memberByEmail(f.teamId, 'li.wei@EXAMPLE.COM')?.name).toBe('Wei Li');
    expect(f.repos.teams.listMembers(f.teamId)).toHaveLength(1);
    // The database itself refuses a second row differing only in case.
    expect(() => f.db.sqlite.prepare("INSERT INTO members (team_id, name, email, role) VALUES (?, 'x', 'Li.Wei@example.com', 'rep')").run(f.teamId))
      .toThrow(/UNIQUE/);
  });

  it('stores platform ids, away and settings', () => {
    f = setup();
    f.repos.teams.setPlatformId(f.repId, 'slack', 'U123');
    f.repos.teams.setPlatformId(f.repId, 'feishu', 'ou_abc');
    expect(f.repos.teams.memberByPlatformId('slack', 'U123')?.id).toBe(f.repId);
    expect(f.repos.teams.memberByPlatformId('feishu', 'ou_abc')?.id).toBe(f.repId);
    expect(f.repos.teams.memberByPlatformId('slack', 'nobody')).toBeNull();
    f.repos.teams.setAway(f.repId, '2026-12-05');
    expect(f.repos.teams.getMember(f.repId)?.awayUntil).toBe('2026-12-05');
    f.repos.teams.setMemberPrefs(f.repId, { timezone: 'America/New_York', locale: 'en' });
    expect(f.repos.teams.getMember(f.repId)).toMatchObject({ timezone: 'America/New_York', locale: 'en' });

    expect(f.repos.teams.getSetting(f.teamId, 'schedule')).toBeNull();
    f.repos.teams.setSetting(f.teamId, 'schedule', { prompt: 'FRI 16:00' });
    f.repos.teams.setSetting(f.teamId, 'schedule', { prompt: 'THU 15:00', holidays: ['2026-10-01'] });
    expect(f.repos.teams.getSetting(f.teamId, 'schedule')).toEqual({ prompt: 'THU 15:00', holidays: ['2026-10-01'] });
  });
});
