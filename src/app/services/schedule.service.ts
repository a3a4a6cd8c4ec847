// A team's weekly schedule: stored as a team setting, validated over the defaults, changed by managers
// from chat (`/radar schedule …`) or by the config file.
import type { Team } from '../../core/team.js';
import { DEFAULT_SCHEDULE, parseScheduleSettings, type ScheduleSettings } from '../schedule/index.js';
import type { AppContext } from '../context.js';

export const SCHEDULE_SETTING_KEY = 'schedule';

export function teamSchedule(ctx: AppContext, team: Team): ScheduleSettings {
  const stored = ctx.repos.teams.getSetting<Partial<ScheduleSettings>>(team.id, SCHEDULE_SETTING_KEY);
  try {
    return parseScheduleSettings(stored ?? {}, team.timezone);
  } catch (err) {
    // A stored schedule that no longer validates must not stop the cycle: fall back, loudly.
    ctx.logger.error({ teamId: team.id, err: (err as Error).message }, 'stored schedule is invalid; using defaults');
    return { ...DEFAULT_SCHEDULE, timezone: team.timezone };
  }
}

/** Validate a change over the current schedule and store it. Throws ScheduleSettingsError naming the key. */
export function updateTeamSchedule(ctx: AppContext, team: Team, patch: Partial<ScheduleSettings>): ScheduleSettings {
  const next = parseScheduleSettings({ ...teamSchedule(ctx, team), ...patch }, team.timezone);
  ctx.repos.teams.setSetting(team.id, SCHEDULE_SETTING_KEY, next);
  if (patch.timezone && patch.timezone !== team.timezone) ctx.repos.teams.updateTeam(team.id, { timezone: patch.timezone });
  return next;
}
