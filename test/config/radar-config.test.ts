import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, parseRadarSettings } from '../../src/config/radar-config.js';
import { ConfigError, loadConfig } from '../../src/config/env.js';
import { teamSchedule } from '../../src/app/schedule/schedule.service.js';
import { openDb } from '../../src/storage/db.js';
import { createRepositories } from '../../src/storage/repositories.js';
import { silentLogger } from '../../src/runtime/logging/logger.js';

const problemsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('the config file', () => {
  it('changes only what it lists', () => {
    const s = parseRadarSettings({ scoring: { grades: { B: 55 } }, template: { fields: { contacts: { label: { zh: '拜访次数', en: 'Visits' } } } } });
    expect(s.scoring.grades).toMatchObject({ A: DEFAULT_SETTINGS.scoring.grades.A, B: 55 });
    expect(s.template.fields.find((f) => f.id === 'contacts')?.label.en).toBe('Visits');
    expect(s.routing).toEqual(DEFAULT_SETTINGS.routing);
  });

  it('names every bad key at once', () => {
    const problems = problemsOf(() => parseRadarSettings({
      scoring: { grades: { B: 500 } },
      template: { fields: { nope: { required: true } } },
      routing: { routes: { overdue: ['boss'] } },
      schedule: { prompt: { day: 'fri', time: '25:00' } },
    }, 'radar.json'));
    expect(problems.join('\n')).toMatch(/scoring\.grades\.B/);
    expect(problems.join('\n')).toMatch(/template\.fields\.nope: unknown field/);
    expect(problems.join('\n')).toMatch(/routing\.routes\.overdue/);
    expect(problems.join('\n')).toMatch(/prompt\.time/);
    expect(problems.every((p) => p.startsWith('radar.json: '))).toBe(true);
  });

  it("sets the team's schedule, which a manager's change from chat overrides", () => {
    const settings = parseRadarSettings({ schedule: { prompt: { day: 'thu', time: '17:30' }, holidays: ['2026-12-25'] } });
    const repos = createRepositories(openDb(':memory:'));
    const team = repos.teams.ensureTeam({ name: 'T', timezone: 'Asia/Shanghai', locale: 'zh' });
    const ctx = { repos, settings, clock: () => new Date(), logger: silentLogger() };
    expect(teamSchedule(ctx, team)).toMatchObject({ prompt: { day: 'thu', time: '17:30' }, holidays: ['2026-12-25'], timezone: 'Asia/Shanghai' });
    repos.teams.setSetting(team.id, 'schedule', { prompt: { day: 'fri', time: '15:00' } });
    expect(teamSchedule(ctx, team).prompt).toEqual({ day: 'fri', time: '15:00' });
  });
});

describe('the environment', () => {
  it('takes a SQLite path or a postgres:// URL as RADAR_DB, and names a broken URL without echoing it', () => {
    expect(loadConfig({ RADAR_DB: 'postgres://radar:secret@db:5432/radar' }).database).toBe('postgres://radar:secret@db:5432/radar');
    const problems = problemsOf(() => loadConfig({ RADAR_DB: 'postgres://radar:secret@/radar' }));
    expect(problems).toEqual(['RADAR_DB: not a valid PostgreSQL URL; expected postgres://user:password@host:5432/database']);
    expect(problems.join()).not.toContain('secret');
    expect(loadConfig({ RADAR_DB: './data/x.sqlite' }).database).toBe('./data/x.sqlite');
    expect(loadConfig({}).database).toBe('./data/radar.sqlite');
  });

  it('needs nothing for the command line and says what a half-configured platform lacks', () => {
    expect(loadConfig({}).slack).toBeNull();
    const problems = problemsOf(() => loadConfig({ FEISHU_APP_ID: 'cli_0123456789abcdef', FEISHU_MODE: 'http' }));
    expect(problems.map((p) => p.split(':')[0])).toEqual(['FEISHU_APP_SECRET', 'FEISHU_MANAGER_CHAT_ID', 'FEISHU_ENCRYPT_KEY', 'FEISHU_VERIFICATION_TOKEN']);
  });

  it('refuses Feishu HTTP mode without an encrypt key (nothing would be signed)', () => {
    const base = { FEISHU_APP_ID: 'cli_0123456789abcdef', FEISHU_APP_SECRET: 's', FEISHU_MANAGER_CHAT_ID: 'oc_1', FEISHU_MODE: 'http', FEISHU_VERIFICATION_TOKEN: 'tok' };
    expect(problemsOf(() => loadConfig(base)).map((p) => p.split(':')[0])).toEqual(['FEISHU_ENCRYPT_KEY']);
    expect(loadConfig({ ...base, FEISHU_ENCRYPT_KEY: 'k' }).feishu?.encryptKey).toBe('k');
    // Long-connection mode needs neither: the SDK's connection is authenticated by the app secret.
    expect(loadConfig({ ...base, FEISHU_MODE: 'ws', FEISHU_VERIFICATION_TOKEN: undefined }).feishu?.mode).toBe('ws');
  });

  it('resolves Feishu domains and keeps secrets out of error messages', () => {
    const cfg = loadConfig({ FEISHU_APP_ID: 'cli_0123456789abcdef', FEISHU_APP_SECRET: 's3cret', FEISHU_MANAGER_CHAT_ID: 'oc_1', FEISHU_DOMAIN: 'lark' });
    expect(cfg.feishu?.domain).toBe('https://open.larksuite.com');
    const problems = problemsOf(() => loadConfig({ SLACK_BOT_TOKEN: 'xoxb-very-secret' }));
    expect(problems.join(' ')).not.toContain('xoxb-very-secret');
  });
});
