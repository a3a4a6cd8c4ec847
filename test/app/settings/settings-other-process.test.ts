// Settings changed by another process on the same database (a bot replica, `radar settings set`) reach
// this one within a second, without a restart; what this process set itself stays until the stored
// settings change.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createSettingsResolver, DEFAULT_SETTINGS } from '../../../src/config/radar-config.js';
import type { AppContext } from '../../../src/app/context.js';
import { SETTINGS_OVERRIDES_KEY, teamSettings } from '../../../src/app/settings/team-settings.js';
import { silentLogger } from '../../../src/runtime/logging/logger.js';
import { openDb } from '../../../src/storage/db.js';
import { createRepositories } from '../../../src/storage/repositories.js';

const dir = mkdtempSync(join(tmpdir(), 'radar-settings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function processOn(path: string): { ctx: AppContext; close(): void } {
  const db = openDb(path);
  const ctx: AppContext = { repos: createRepositories(db), settings: DEFAULT_SETTINGS, settingsResolver: createSettingsResolver(null), clock: () => new Date(), logger: silentLogger() };
  return { ctx, close: () => db.close() };
}

it('a change stored by another process is in use here within a second', async () => {
  const path = join(dir, 'radar.sqlite');
  const a = processOn(path);
  const b = processOn(path);
  try {
    const team = a.ctx.repos.teams.ensureTeam({ name: 'Sales', timezone: 'Asia/Shanghai', locale: 'zh' });
    expect(teamSettings(b.ctx, team.id).scoring.grades.A).toBe(DEFAULT_SETTINGS.scoring.grades.A);

    a.ctx.repos.teams.setSetting(team.id, SETTINGS_OVERRIDES_KEY, { scoring: { grades: { A: 95 } } });
    await new Promise((r) => setTimeout(r, 1_100));
    expect(teamSettings(b.ctx, team.id).scoring.grades.A).toBe(95);

    a.ctx.repos.teams.setSetting(team.id, SETTINGS_OVERRIDES_KEY, {});
    await new Promise((r) => setTimeout(r, 1_100));
    expect(teamSettings(b.ctx, team.id).scoring.grades.A).toBe(DEFAULT_SETTINGS.scoring.grades.A);
  } finally {
    a.close();
    b.close();
  }
});
