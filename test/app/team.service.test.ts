import { describe, expect, it } from 'vitest';
import { openDb } from '../../src/storage/db.js';
import { createRepositories } from '../../src/storage/repositories.js';
import { configuredTeam } from '../../src/app/team/team.service.js';

describe('the configured team', () => {
  it('is created once, renamed by configuration, and keeps a timezone chosen in chat', () => {
    const repos = createRepositories(openDb(':memory:'));
    const first = configuredTeam(repos, { name: 'Sales', timezone: 'Asia/Shanghai', locale: 'zh' });
    const renamed = configuredTeam(repos, { name: 'East Sales', timezone: 'Asia/Tokyo', locale: 'en' });
    expect(renamed).toMatchObject({ id: first.id, name: 'East Sales', timezone: 'Asia/Tokyo', locale: 'en' });
    expect(repos.teams.listTeams()).toHaveLength(1);
    repos.teams.setSetting(first.id, 'schedule', { timezone: 'America/New_York' });
    expect(configuredTeam(repos, { name: 'East Sales', timezone: 'Asia/Tokyo', locale: 'en' }).timezone).toBe('America/New_York');
  });
});
